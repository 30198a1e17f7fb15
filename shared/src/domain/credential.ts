/** The credential's vocabulary (see shared/domain.md in the steering repo). */
export const endorsements = ['IMH-E', 'ECMH-E', 'IECMH-E'] as const;
export type Endorsement = (typeof endorsements)[number];

/** Endorsements a Part One form is assembled for; IECMH-E candidates sit one of them. */
export const examEndorsements = ['IMH-E', 'ECMH-E'] as const;
export type ExamEndorsement = (typeof examEndorsements)[number];

export const categories = [
  'family-associate',
  'family-specialist',
  'mental-health-specialist',
  'mental-health-mentor',
] as const;
export type Category = (typeof categories)[number];

/** Only these categories sit the exam. */
export const examCategories: readonly Category[] = [
  'mental-health-specialist',
  'mental-health-mentor',
];

export const mentorTracks = ['clinical', 'policy', 'research-faculty'] as const;
export type MentorTrack = (typeof mentorTracks)[number];

export const variants = ['clinical', 'policy', 'research-faculty'] as const;
export type Variant = (typeof variants)[number];

/** How a variant is named in sentences the server writes (the client's labels say the same). */
export const variantNames: Record<Variant, string> = {
  clinical: 'Clinical',
  policy: 'Policy',
  'research-faculty': 'Research/Faculty',
};

export const competencyDomains = [
  'theoretical-foundations',
  'law-regulation-policy',
  'systems-expertise',
  'direct-service-skills',
  'working-with-others',
  'communicating',
  'thinking',
  'reflection',
  'administration',
  'research-evaluation',
] as const;
export type CompetencyDomain = (typeof competencyDomains)[number];

export const competencyDomainLabels: Record<CompetencyDomain, string> = {
  'theoretical-foundations': 'Theoretical Foundations',
  'law-regulation-policy': 'Law, Regulation & Agency Policy',
  'systems-expertise': 'Systems Expertise',
  'direct-service-skills': 'Direct Service Skills',
  'working-with-others': 'Working with Others',
  communicating: 'Communicating',
  thinking: 'Thinking',
  reflection: 'Reflection',
  administration: 'Administration',
  'research-evaluation': 'Research & Evaluation',
};

export const ageBands = ['prenatal', '0-3', '3-6'] as const;
export type AgeBand = (typeof ageBands)[number];

export const ageBandLabels: Record<AgeBand, string> = {
  prenatal: 'Prenatal',
  '0-3': 'Birth to 3',
  '3-6': '3 to 6',
};

/** A blueprint cell as people read it, "Direct Service Skills, Birth to 3". */
export function domainAgeBandLabel(domain: CompetencyDomain, ageBand: AgeBand): string {
  return `${competencyDomainLabels[domain]}, ${ageBandLabels[ageBand]}`;
}

/**
 * The vignette variant a candidate answers, from their category and track; undefined when the
 * enrolment cannot sit Part Two (a non-exam category, or a Mentor without a track).
 */
export function variantFor(category: Category, track: MentorTrack | null): Variant | undefined {
  if (category === 'mental-health-specialist') return 'clinical';
  if (category === 'mental-health-mentor') return track ?? undefined;
  return undefined;
}
