import type { CompetencyDomain } from '@exam/shared/domain';
import { itemOptionOrder, type OptionLayout } from './option-order.js';

/** The layout is the item's own: it decides the order the candidate's choice was shown in. */
export interface ScorableItem extends OptionLayout {
  position: number;
  keyIndex: number;
  domain: CompetencyDomain;
}

export interface PartOneResult {
  [key: string]: unknown;
  correct: number;
  total: number;
  cutScore: number;
  passed: boolean;
  byDomain: Partial<Record<CompetencyDomain, { correct: number; total: number }>>;
}

/**
 * Scores Part One from the stored display-order choices: each choice is mapped back through the
 * candidate's recorded option order before it is compared with the key.
 */
export function scorePartOne(
  items: readonly ScorableItem[],
  choices: ReadonlyMap<number, number | null>,
  optionSeed: number,
  cutScore: number,
): PartOneResult {
  const byDomain: PartOneResult['byDomain'] = {};
  let correct = 0;
  for (const item of items) {
    const domain = (byDomain[item.domain] ??= { correct: 0, total: 0 });
    domain.total += 1;
    const display = choices.get(item.position);
    if (display === null || display === undefined) continue;
    if (itemOptionOrder(optionSeed, item)[display] === item.keyIndex) {
      correct += 1;
      domain.correct += 1;
    }
  }
  return { correct, total: items.length, cutScore, passed: correct >= cutScore, byDomain };
}
