import {
  categories,
  endorsements,
  examEndorsements,
  mentorTracks,
  type Category,
  type Endorsement,
  type ExamEndorsement,
  type MentorTrack,
} from '@exam/shared/domain';
import { categoryLabels, trackLabels } from '../../lib/labels';
import { SelectField } from '../../ui/fields';

export interface Credential {
  endorsement: Endorsement;
  category: Category;
  track: MentorTrack | null;
  examEndorsement: ExamEndorsement | null;
}

/** Endorsement, category, track and (for IECMH-E) the form the candidate sits. */
export function CredentialFields({
  value,
  onChange,
}: {
  value: Credential;
  onChange(v: Credential): void;
}) {
  const mentor = value.category === 'mental-health-mentor';
  return (
    <>
      <SelectField
        label="Endorsement"
        value={value.endorsement}
        onChange={(v) =>
          onChange({
            ...value,
            endorsement: v as Endorsement,
            examEndorsement: v === 'IECMH-E' ? value.examEndorsement : null,
          })
        }
        options={endorsements.map((e) => ({ value: e, label: e }))}
      />
      {value.endorsement === 'IECMH-E' && (
        <SelectField
          label="Form the candidate sits"
          hint="IECMH-E candidates sit the IMH-E or the ECMH-E form."
          value={value.examEndorsement ?? ''}
          onChange={(v) =>
            onChange({ ...value, examEndorsement: (v || null) as ExamEndorsement | null })
          }
          options={[
            { value: '', label: 'Choose a form' },
            ...examEndorsements.map((e) => ({ value: e, label: e })),
          ]}
        />
      )}
      <SelectField
        label="Category"
        hint="Only Mental Health Specialists and Mentors sit the exam."
        value={value.category}
        onChange={(v) =>
          onChange({
            ...value,
            category: v as Category,
            track: v === 'mental-health-mentor' ? value.track : null,
          })
        }
        options={categories.map((c) => ({ value: c, label: categoryLabels[c] }))}
      />
      {mentor && (
        <SelectField
          label="Mentor track"
          hint="The track decides the Part Two vignettes."
          value={value.track ?? ''}
          onChange={(v) => onChange({ ...value, track: (v || null) as MentorTrack | null })}
          options={[
            { value: '', label: 'Choose a track' },
            ...mentorTracks.map((t) => ({ value: t, label: trackLabels[t] })),
          ]}
        />
      )}
    </>
  );
}
