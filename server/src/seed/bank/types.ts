import type { AgeBand, CompetencyDomain } from '@exam/shared/domain';

/** One demo question as written: original text for the demo only, never a live form. */
export interface DemoItem {
  domain: CompetencyDomain;
  ageBand: AgeBand;
  stem: string;
  options: [string, string, string, string];
  /** Index of the correct option. */
  key: 0 | 1 | 2 | 3;
}

/** Lets a content file name its domain once instead of on every question. */
export function inDomain(domain: CompetencyDomain, items: Omit<DemoItem, 'domain'>[]): DemoItem[] {
  return items.map((item) => ({ domain, ...item }));
}
