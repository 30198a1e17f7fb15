import type { GradingRole, ReadingStatus, SittingStatus, StudyStatus } from '@exam/shared/api';
import {
  ageBandLabels,
  competencyDomainLabels,
  variantNames,
  type Category,
  type CompetencyDomain,
  type MentorTrack,
  type Variant,
} from '@exam/shared/domain';

/**
 * How every page names the credential's vocabulary on screen: one place, so the console, the
 * grading pages and the results say the same words for the same thing.
 */

export const categoryLabels: Record<Category, string> = {
  'family-associate': 'Family Associate (no exam)',
  'family-specialist': 'Family Specialist (no exam)',
  'mental-health-specialist': 'Mental Health Specialist',
  'mental-health-mentor': 'Mental Health Mentor',
};

export const trackLabels: Record<MentorTrack, string> = variantNames;

/** A variant of the exam is the mentor track it was written for, so it reads the same. */
export const variantLabels: Record<Variant, string> = trackLabels;

/** Kept in shared/ so the server's messages name age bands as the pages do. */
export { ageBandLabels };

export const sittingStatusLabels: Record<SittingStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  open: 'Open',
  closed: 'Closed',
  released: 'Results released',
};

/** The button that moves a sitting to each state. */
export const transitionLabels: Record<SittingStatus, string> = {
  draft: 'Back to draft',
  scheduled: 'Schedule',
  open: 'Open the sitting',
  closed: 'Close the sitting',
  released: 'Release results',
};

export const readingStatusLabels: Record<ReadingStatus, string> = {
  new: 'Not started',
  draft: 'Draft saved',
  submitted: 'Submitted',
};

/** A grader's part in scoring one response (not an account role: see auth's `roleLabels`). */
export const gradingRoleLabels: Record<GradingRole, string> = {
  reader: 'First reading',
  adjudicator: 'Third reading',
};

/** Where a standard-setting study is in its Angoff rounds. */
export const studyStatusLabels: Record<StudyStatus, string> = {
  round1: 'Round 1 rating',
  round2: 'Round 2 rating (impact data shown)',
  adopted: 'Cut adopted',
};

/** A competency domain's name; a code this client does not know yet is shown as it is. */
export function domainLabel(domain: CompetencyDomain | string): string {
  return competencyDomainLabels[domain as CompetencyDomain] ?? domain;
}
