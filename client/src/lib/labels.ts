import type { SittingStatus } from '@exam/shared/api';
import {
  competencyDomainLabels,
  type AgeBand,
  type Category,
  type CompetencyDomain,
  type MentorTrack,
  type Variant,
} from '@exam/shared/domain';

/** How the console names the credential's vocabulary on screen. */

export const categoryLabels: Record<Category, string> = {
  'family-associate': 'Family Associate (no exam)',
  'family-specialist': 'Family Specialist (no exam)',
  'mental-health-specialist': 'Mental Health Specialist',
  'mental-health-mentor': 'Mental Health Mentor',
};

export const trackLabels: Record<MentorTrack, string> = {
  clinical: 'Clinical',
  policy: 'Policy',
  'research-faculty': 'Research/Faculty',
};

export const variantLabels: Record<Variant, string> = trackLabels;

export const ageBandLabels: Record<AgeBand, string> = {
  prenatal: 'Prenatal',
  '0-3': 'Birth to 3',
  '3-6': '3 to 6',
};

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

export function domainLabel(domain: CompetencyDomain | string): string {
  return competencyDomainLabels[domain as CompetencyDomain] ?? domain;
}
