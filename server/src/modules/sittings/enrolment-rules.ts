import {
  examCategories,
  variantFor,
  type Category,
  type Endorsement,
  type ExamEndorsement,
  type MentorTrack,
  type Variant,
} from '@exam/shared/domain';

export interface CredentialInput {
  endorsement: Endorsement;
  category: Category;
  track: MentorTrack | null;
  /** Named by the coordinator for IECMH-E candidates; otherwise null or the endorsement itself. */
  examEndorsement: ExamEndorsement | null;
}

export type CredentialCheck =
  | { ok: true; examEndorsement: ExamEndorsement; variant: Variant }
  | { ok: false; errors: string[] };

const categoryNames: Record<Category, string> = {
  'family-associate': 'Family Associate',
  'family-specialist': 'Family Specialist',
  'mental-health-specialist': 'Mental Health Specialist',
  'mental-health-mentor': 'Mental Health Mentor',
};

/**
 * The exam's enrolment rules: only Specialists and Mentors sit; a Mentor's track decides the
 * vignette variant; IMH-E or ECMH-E decides the form, and an IECMH-E candidate sits the one
 * the coordinator names.
 */
export function checkCredential(input: CredentialInput): CredentialCheck {
  const errors: string[] = [];
  if (!examCategories.includes(input.category)) {
    errors.push(
      `${categoryNames[input.category]} does not sit the exam: only Mental Health Specialists and Mentors do.`,
    );
  } else if (input.category === 'mental-health-mentor' && input.track === null) {
    errors.push('A Mentor needs a track: clinical, policy or research-faculty.');
  } else if (input.category === 'mental-health-specialist' && input.track !== null) {
    errors.push('Specialists have no track; leave the track empty.');
  }

  let examEndorsement: ExamEndorsement | null = null;
  if (input.endorsement === 'IECMH-E') {
    if (input.examEndorsement === null) {
      errors.push('IECMH-E candidates sit one form: name IMH-E or ECMH-E as the exam endorsement.');
    } else {
      examEndorsement = input.examEndorsement;
    }
  } else if (input.examEndorsement !== null && input.examEndorsement !== input.endorsement) {
    errors.push(
      `An ${input.endorsement} candidate sits the ${input.endorsement} form, not ${input.examEndorsement}.`,
    );
  } else {
    examEndorsement = input.endorsement;
  }

  const variant = variantFor(input.category, input.track);
  if (errors.length > 0 || !examEndorsement || !variant) {
    return {
      ok: false,
      errors: errors.length > 0 ? errors : ['This enrolment cannot sit the exam.'],
    };
  }
  return { ok: true, examEndorsement, variant };
}
