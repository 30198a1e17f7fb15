import type { CompetencyDomain, ExamEndorsement, Variant } from '@exam/shared/domain';
import { mentorClinicalSet } from './vignettes-mentor-clinical.js';
import { policySet } from './vignettes-policy.js';
import { researchFacultySet } from './vignettes-research-faculty.js';
import { ecmhClinicalSet, imhClinicalSet } from './vignettes-specialist.js';

/** Who a set is written for: Specialists answer as practitioners, Mentors as leaders. */
export type VignetteAudience = 'specialist' | 'mentor';

/** One case as written for the demo: original text, never a live exam's. */
export interface DemoVignette {
  /** Stable slug, unique across all sets, so re-seeding finds the same row. */
  id: string;
  title: string;
  /** The case, one string per paragraph (150-300 words in all). */
  caseText: readonly string[];
  /** What the candidate is asked to address; one to three. */
  prompts: readonly string[];
  /**
   * The domains its rubric scores: every criterion of the variant's rubric, so each response's
   * total is out of the same maximum and one passing rule fits them all.
   */
  domains: readonly CompetencyDomain[];
}

/** A set shown together in one Part Two: the candidate answers `requiredCount` of its vignettes. */
export interface DemoVignetteSet {
  id: string;
  title: string;
  variant: Variant;
  /** The endorsement whose age range the cases cover; null when written for both. */
  endorsement: ExamEndorsement | null;
  audience: VignetteAudience;
  requiredCount: number;
  /** Shown above the vignettes: the stance to answer from and how many to choose. */
  instructions: string;
  vignettes: readonly DemoVignette[];
}

/**
 * Every demo set: a Specialist clinical set per endorsement (IMH-E: pregnancy to 3; ECMH-E: 3 to
 * 6) and one set per Mentor track, written for both endorsements.
 */
export const demoVignetteSets: readonly DemoVignetteSet[] = [
  imhClinicalSet,
  ecmhClinicalSet,
  mentorClinicalSet,
  policySet,
  researchFacultySet,
];
