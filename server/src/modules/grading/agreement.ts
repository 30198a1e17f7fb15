/**
 * Inter-rater agreement over paired criterion scores on the 1-4 scale. Each pair is (this
 * grader's level, the other reader's level) for one criterion of one doubly read response.
 */
export interface RatingPair {
  mine: number;
  other: number;
}

export interface Agreement {
  comparisons: number;
  /** Share of pairs with the same level. */
  exact: number | null;
  /** Share of pairs at most one level apart. */
  adjacent: number | null;
  kappa: number | null;
  /** Mean of (mine - other): below zero, this grader scores lower (harsher) than their partners. */
  meanSeverity: number | null;
}

const LEVELS = 4;

/**
 * Cohen's kappa with quadratic weights: 1 - sum(w * observed) / sum(w * expected), where
 * w = (i - j)^2 and expected is the product of the two raters' marginal counts over N. The
 * (k - 1)^2 normalisation of the weights cancels in the ratio. Null when it is undefined: no
 * pairs, or both raters used one and the same level throughout (no expected disagreement).
 */
export function quadraticWeightedKappa(pairs: readonly RatingPair[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const mineCounts = new Array<number>(LEVELS + 1).fill(0);
  const otherCounts = new Array<number>(LEVELS + 1).fill(0);
  let observed = 0;
  for (const { mine, other } of pairs) {
    mineCounts[mine] = (mineCounts[mine] ?? 0) + 1;
    otherCounts[other] = (otherCounts[other] ?? 0) + 1;
    observed += (mine - other) ** 2;
  }
  let expected = 0;
  for (let i = 1; i <= LEVELS; i += 1) {
    for (let j = 1; j <= LEVELS; j += 1) {
      expected += ((i - j) ** 2 * (mineCounts[i] ?? 0) * (otherCounts[j] ?? 0)) / n;
    }
  }
  if (expected === 0) return null;
  return 1 - observed / expected;
}

export function agreementOf(pairs: readonly RatingPair[]): Agreement {
  const n = pairs.length;
  if (n === 0)
    return { comparisons: 0, exact: null, adjacent: null, kappa: null, meanSeverity: null };
  let exact = 0;
  let adjacent = 0;
  let severity = 0;
  for (const { mine, other } of pairs) {
    const gap = Math.abs(mine - other);
    if (gap === 0) exact += 1;
    if (gap <= 1) adjacent += 1;
    severity += mine - other;
  }
  return {
    comparisons: n,
    exact: exact / n,
    adjacent: adjacent / n,
    kappa: quadraticWeightedKappa(pairs),
    meanSeverity: severity / n,
  };
}
