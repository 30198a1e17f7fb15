import type { StoredFinal, StoredPassingRule, StoredScores } from '../../db/schema/grading.js';

/**
 * The rules that turn readings into a final score: when two readings disagree enough to need a
 * third reader, how the final score is formed, and whether a response passes.
 */

export interface Tolerance {
  perCriterion: number;
  total: number;
}

export const defaultTolerance: Tolerance = { perCriterion: 1, total: 2 };

export function levelOf(scores: StoredScores, criterionId: string): number {
  const level = scores[criterionId]?.level;
  if (typeof level !== 'number') throw new Error(`reading has no level for ${criterionId}`);
  return level;
}

export function totalOf(scores: StoredScores, criterionIds: readonly string[]): number {
  return criterionIds.reduce((sum, id) => sum + levelOf(scores, id), 0);
}

/**
 * Why two submitted readings need a third reader: each criterion whose levels differ by more
 * than the tolerance, the total if it does, and a flag for a second opinion from either reader.
 * Empty when they agree well enough for the mean to stand.
 */
export function disagreementReasons(
  first: { scores: StoredScores; flagged: boolean },
  second: { scores: StoredScores; flagged: boolean },
  criterionIds: readonly string[],
  tolerance: Tolerance,
): string[] {
  const reasons: string[] = [];
  for (const id of criterionIds) {
    if (Math.abs(levelOf(first.scores, id) - levelOf(second.scores, id)) > tolerance.perCriterion)
      reasons.push(`criterion:${id}`);
  }
  const gap = Math.abs(totalOf(first.scores, criterionIds) - totalOf(second.scores, criterionIds));
  if (gap > tolerance.total) reasons.push('total');
  if (first.flagged || second.flagged) reasons.push('flagged');
  return reasons;
}

/** Readings that agree: the final level of each criterion is their mean (possibly x.5). */
export function meanFinal(
  first: StoredScores,
  second: StoredScores,
  criterionIds: readonly string[],
): StoredFinal {
  const criteria: Record<string, number> = {};
  for (const id of criterionIds) criteria[id] = (levelOf(first, id) + levelOf(second, id)) / 2;
  return { criteria, total: sumOf(criteria), method: 'mean' };
}

/**
 * After a disagreement the third reader, who has seen both readings, decides: their levels are
 * the final score. (Averaging them with a reading they judged wrong would bring the error back.)
 */
export function adjudicatedFinal(
  third: StoredScores,
  criterionIds: readonly string[],
): StoredFinal {
  const criteria: Record<string, number> = {};
  for (const id of criterionIds) criteria[id] = levelOf(third, id);
  return { criteria, total: sumOf(criteria), method: 'adjudicated' };
}

function sumOf(criteria: Record<string, number>): number {
  return Object.values(criteria).reduce((sum, level) => sum + level, 0);
}

/** A response passes when no criterion is below the minimum and the total reaches the minimum. */
export function passesRule(final: StoredFinal, rule: StoredPassingRule): boolean {
  return (
    Object.values(final.criteria).every((level) => level >= rule.minLevelPerCriterion) &&
    final.total >= rule.minTotalPerResponse
  );
}
