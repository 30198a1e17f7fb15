/**
 * Modified-Angoff statistics, pure so they can be checked against worked values.
 *
 * - A panelist's implied cut is the sum of their item ratings: the expected raw score of the
 *   minimally competent candidate.
 * - Panel SD is the sample SD (n - 1 denominator): the panel is a sample of possible experts.
 * - SE of the cut = SD / sqrt(n).
 * - The recommended cut rounds the panel mean UP (ceil): a candidate must reach at least the
 *   expected score of the minimally competent candidate, and a fractional expected score can only
 *   be reached by the next whole mark. A tiny tolerance keeps 48.0000000001 (float sums) at 48.
 * - Outliers use a leave-one-out rule: a panelist is an outlier when their implied cut lies more
 *   than 2 SDs of the OTHER panelists away from the others' mean, i.e. |cut - mean(others)| >
 *   2 * SD(others) (sample SD). The plain rule |z| > 2 against the whole panel cannot fire when
 *   n <= 5, since the panelist's own cut inflates the SD (max |z| = (n - 1) / sqrt(n)), so a
 *   small panel would never see one. Leaving the panelist out needs at least two others for an
 *   SD, so at least three panelists; with fewer nobody is marked. When the others all agree
 *   exactly (SD 0), any panelist away from them is an outlier.
 */

/** Float sums of ratings (e.g. 0.7 * 60) land a hair above a whole number. */
const EPSILON = 1e-9;

/** Panel figures for one round. */
export interface PanelSummary {
  n: number;
  mean: number | null;
  sd: number | null;
  se: number | null;
  recommendedCut: number | null;
}

/** Sum of one panelist's ratings (each 0..1). */
export function impliedCut(ratings: readonly number[]): number {
  return ratings.reduce((sum, r) => sum + r, 0);
}

/** Mean, sample SD (n - 1), SE = SD / sqrt(n) and the recommended (rounded-up) cut. */
export function panelSummary(cuts: readonly number[], maxCut: number): PanelSummary {
  const n = cuts.length;
  if (n === 0) return { n, mean: null, sd: null, se: null, recommendedCut: null };
  const mean = cuts.reduce((s, c) => s + c, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(cuts.reduce((s, c) => s + (c - mean) ** 2, 0) / (n - 1));
  return {
    n,
    mean,
    sd,
    se: sd === null ? null : sd / Math.sqrt(n),
    recommendedCut: wholeMarkCut(mean, maxCut),
  };
}

/** The whole mark that reaches an expected score, within 1..number of items. */
export function wholeMarkCut(expected: number, maxCut: number): number {
  return clampCut(roundUpCut(expected), maxCut);
}

/** Rounds an expected score up to the whole mark that reaches it. */
export function roundUpCut(value: number): number {
  return Math.ceil(value - EPSILON);
}

/** A cut must lie within 1..number of items. */
export function clampCut(cut: number, maxCut: number): number {
  return Math.min(Math.max(cut, 1), Math.max(1, maxCut));
}

/** z of a cut against a panel's mean and SD; null when SD is 0 or unknown. */
export function zScore(cut: number, mean: number | null, sd: number | null): number | null {
  if (mean === null || sd === null || sd === 0) return null;
  return (cut - mean) / sd;
}

/** Fewest panelists the outlier rule needs: the others must be at least two to have an SD. */
export const MIN_PANEL_FOR_OUTLIERS = 3;

function othersSpread(others: readonly number[]): { mean: number; sd: number } | null {
  if (others.length < MIN_PANEL_FOR_OUTLIERS - 1) return null;
  const summary = panelSummary(others, Number.POSITIVE_INFINITY);
  return summary.mean === null || summary.sd === null
    ? null
    : { mean: summary.mean, sd: summary.sd };
}

/**
 * Leave-one-out z: (cut - mean of the others) / sample SD of the others. Null with fewer than two
 * others, or when the others all agree (SD 0).
 */
export function leaveOneOutZ(cut: number, others: readonly number[]): number | null {
  const spread = othersSpread(others);
  return spread === null ? null : zScore(cut, spread.mean, spread.sd);
}

/**
 * Outlier rule (leave-one-out): the cut lies more than 2 SDs of the other panelists away from
 * their mean. Never with fewer than two others (a panel under three).
 */
export function isOutlier(cut: number, others: readonly number[]): boolean {
  const spread = othersSpread(others);
  return spread !== null && Math.abs(cut - spread.mean) > 2 * spread.sd + EPSILON;
}

/** Share of scores at or above the cut (null when there are no scores). */
export function passRate(scores: readonly number[], cut: number): number | null {
  if (scores.length === 0) return null;
  return scores.filter((s) => s >= cut).length / scores.length;
}

/**
 * Proportion correct per position among the given answer sheets: null when nobody sat it, or
 * when the sheets do not score it (a voided item is in no sheet, and has no p-value).
 */
export function pValues(
  positions: readonly number[],
  sheets: readonly ReadonlyMap<number, boolean>[],
): Map<number, number | null> {
  return new Map(
    positions.map((position) => {
      if (sheets.length === 0 || !sheets.some((sheet) => sheet.has(position)))
        return [position, null];
      const correct = sheets.filter((sheet) => sheet.get(position) === true).length;
      return [position, correct / sheets.length];
    }),
  );
}
