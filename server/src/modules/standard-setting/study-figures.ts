import type { RoundSummary } from '@exam/shared/api';
import { impliedCut, isOutlier, leaveOneOutZ, panelSummary, passRate } from './angoff.stats.js';

/** A rating as the figures need it. */
export interface RatingFact {
  userId: string;
  round: number;
  position: number;
  rating: number;
}

/**
 * One round's figures: each panelist's implied cut (only once they rated every item, so a
 * half-finished panelist does not drag the mean down), the panel mean, SD, SE, the rounded-up
 * recommended cut, its pass rate on the impact sitting, and who lies more than 2 SDs of the
 * other panelists away from their mean (the leave-one-out rule in angoff.stats.ts).
 */
export function roundFigures(input: {
  round: 1 | 2;
  positions: readonly number[];
  panelists: readonly { id: string; name: string }[];
  ratings: readonly RatingFact[];
  impactScores: readonly number[] | null;
  /** The cut the impact scores are judged at for a whole-form cut (ImpactData.cutFor). */
  impactCut?: (cut: number) => number;
}): RoundSummary {
  const { round, positions } = input;
  const rows = input.panelists.map((p) => {
    const mine = input.ratings.filter((r) => r.userId === p.id && r.round === round);
    const complete = positions.every((pos) => mine.some((r) => r.position === pos));
    return {
      userId: p.id,
      name: p.name,
      rated: mine.length,
      impliedCut: complete && positions.length > 0 ? impliedCut(mine.map((r) => r.rating)) : null,
    };
  });
  const cuts = rows.flatMap((r) => (r.impliedCut === null ? [] : [r.impliedCut]));
  const summary = panelSummary(cuts, positions.length);
  return {
    round,
    panelists: rows.map((r) => {
      if (r.impliedCut === null) return { ...r, z: null, outlier: false };
      // The others by row, not by value: two panelists with the same cut are both "others".
      const others = rows.flatMap((o) => (o === r || o.impliedCut === null ? [] : [o.impliedCut]));
      return {
        ...r,
        z: leaveOneOutZ(r.impliedCut, others),
        outlier: isOutlier(r.impliedCut, others),
      };
    }),
    n: summary.n,
    mean: summary.mean,
    sd: summary.sd,
    se: summary.se,
    recommendedCut: summary.recommendedCut,
    passRate:
      input.impactScores && summary.recommendedCut !== null
        ? passRate(
            input.impactScores,
            input.impactCut?.(summary.recommendedCut) ?? summary.recommendedCut,
          )
        : null,
  };
}
