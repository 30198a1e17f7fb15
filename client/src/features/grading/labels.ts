import type { GradingRole, ReadingStatus } from '@exam/shared/api';
import { competencyDomainLabels, type CompetencyDomain, type Variant } from '@exam/shared/domain';

export const variantLabels: Record<Variant, string> = {
  clinical: 'Clinical',
  policy: 'Policy',
  'research-faculty': 'Research/Faculty',
};

export const readingStatusLabels: Record<ReadingStatus, string> = {
  new: 'Not started',
  draft: 'Draft saved',
  submitted: 'Submitted',
};

export const roleLabels: Record<GradingRole, string> = {
  reader: 'First reading',
  adjudicator: 'Third reading',
};

export function domainLabel(domain: string): string {
  return competencyDomainLabels[domain as CompetencyDomain] ?? domain;
}
