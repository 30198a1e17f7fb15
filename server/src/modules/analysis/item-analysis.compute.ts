/**
 * Classical item analysis of a Part One form, from a candidates × items matrix of the ORIGINAL
 * option each candidate chose (already mapped back through the candidate's option order), or -1
 * for an omit. Pure: no database, no clock, unit-tested against R's psych::alpha.
 *
 * Formulas (n candidates, k items, x_ci = 1 when candidate c chose item i's key, else 0; an omit
 * scores 0; X_c = sum_i x_ci):
 * - p_i = mean_c x_ci (difficulty).
 * - Variances and covariances use the n−1 denominator, like R's var()/cov()/sd(). Alpha and the
 *   correlations are ratios, so the denominator cancels in them; it matters for SD and SEM only.
 * - alpha (= KR-20 for 0/1 items) = k/(k−1) · (1 − Σ var(x_i) / var(X)), psych's raw_alpha,
 *   where k counts the items that vary. An item everybody (or nobody) got right adds a constant
 *   to every total: the totals' reliability is the same with or without it, so it must not
 *   change alpha either, which it would through k/(k−1) if counted. psych::alpha (and SPSS)
 *   leave such an item out of k the same way ("deleted but still counted in the score").
 * - item–rest r_i = cor(x_i, X − x_i), psych's r.drop.
 * - alpha if item i deleted: the same alpha over the other items, psych's alpha.drop raw_alpha;
 *   for an item that does not vary that is the test's own alpha (deleting it changes nothing).
 * - SEM = SD(X) · sqrt(1 − alpha), SD with the n−1 denominator.
 * - A figure that is undefined is null, never NaN and never a stand-in 0 (R gives NA there):
 *   SD (and so SEM) with fewer than 2 candidates; a correlation when either side has no
 *   variance; alpha with fewer than 2 items that vary or no variance of totals; upper/lower figures
 *   when the groups are empty (round(0.27·n) = 0, i.e. a single candidate).
 * - Upper and lower groups: the round(0.27·n) highest and lowest total scores; candidates are
 *   ordered by total, ties broken by their row order (stable), so the groups are reproducible.
 *   D_i = p_i(upper) − p_i(lower).
 * - Option–rest r for option o of item i: cor(1[chose o], X − x_i).
 */
import { flagItem, type ItemFlag } from './item-flags.compute.js';

export interface AnalysisItem {
  keyIndex: number;
  /** Subscore group, e.g. the competency domain. */
  domain: string;
  optionCount?: number;
}

export interface ResponseMatrix {
  candidates: number;
  items: readonly AnalysisItem[];
  /** Row-major candidates × items: the original option index chosen, or -1 for an omit. */
  choices: Int8Array;
}

export interface ScaleFigures {
  candidates: number;
  items: number;
  mean: number;
  /** Sample SD (n − 1); null with fewer than 2 candidates. */
  sd: number | null;
  min: number;
  max: number;
  /** KR-20 / Cronbach's alpha; null when undefined (fewer than 2 items that vary, or n < 2). */
  alpha: number | null;
  sem: number | null;
}

export interface OptionFigures {
  index: number;
  isKey: boolean;
  proportion: number;
  /** Shares in the upper and lower 27% groups; null when the groups are empty. */
  upper: number | null;
  lower: number | null;
  /** null when nobody (or everybody) chose the option: a correlation is undefined then. */
  optionRest: number | null;
}

export interface ItemFigures {
  index: number;
  domain: string;
  p: number;
  itemRest: number | null;
  /** null when the upper and lower groups are empty (a single candidate). */
  upperP: number | null;
  lowerP: number | null;
  discrimination: number | null;
  omitRate: number;
  alphaIfDeleted: number | null;
  options: OptionFigures[];
  flags: ItemFlag[];
}

export interface ItemAnalysis {
  test: ScaleFigures & { cutScore: number; passRate: number; distribution: number[] };
  groupSize: number;
  domains: (ScaleFigures & { domain: string })[];
  items: ItemFigures[];
}

/** Share of candidates in each of the upper and lower groups (Kelley's 27%). */
export const GROUP_SHARE = 0.27;

function correlation(sxy: number, sxx: number, syy: number): number | null {
  const denominator = Math.sqrt(sxx * syy);
  return denominator > 0 ? sxy / denominator : null;
}

function alphaOf(k: number, sumItemVariance: number, totalVariance: number): number | null {
  if (k < 2 || !(totalVariance > 0)) return null;
  return (k / (k - 1)) * (1 - sumItemVariance / totalVariance);
}

/** Scale figures for a subset of items (the whole form, or one domain's items). */
function scaleOf(
  matrix: ResponseMatrix,
  scored: Uint8Array,
  columns: readonly number[],
): ScaleFigures {
  const n = matrix.candidates;
  const k = matrix.items.length;
  const totals = new Float64Array(n);
  for (let c = 0; c < n; c += 1) {
    let sum = 0;
    for (const i of columns) sum += scored[c * k + i] as number;
    totals[c] = sum;
  }
  const mean = n > 0 ? totals.reduce((a, b) => a + b, 0) / n : 0;
  let ss = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of totals) {
    ss += (x - mean) ** 2;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  const variance = n > 1 ? ss / (n - 1) : 0;
  let sumItemVariance = 0;
  let varying = 0;
  for (const i of columns) {
    let correct = 0;
    for (let c = 0; c < n; c += 1) correct += scored[c * k + i] as number;
    // Sample variance of a 0/1 column: n·p·(1−p)/(n−1).
    sumItemVariance += n > 1 ? (correct * (1 - correct / n)) / (n - 1) : 0;
    if (correct > 0 && correct < n) varying += 1;
  }
  // One candidate has no sample SD (n − 1 = 0), as R's sd() of one value is NA.
  const sd = n > 1 ? Math.sqrt(variance) : null;
  const alpha = alphaOf(varying, sumItemVariance, variance);
  return {
    candidates: n,
    items: columns.length,
    mean,
    sd,
    min: n > 0 ? min : 0,
    max: n > 0 ? max : 0,
    alpha,
    sem: alpha === null || sd === null ? null : sd * Math.sqrt(Math.max(0, 1 - alpha)),
  };
}

/** The upper and lower 27% groups as row indices, by total score with ties in row order. */
export function scoreGroups(totals: ArrayLike<number>): { upper: number[]; lower: number[] } {
  const n = totals.length;
  const size = Math.round(GROUP_SHARE * n);
  const order = Array.from({ length: n }, (_, c) => c).sort(
    (a, b) => (totals[b] as number) - (totals[a] as number) || a - b,
  );
  return { upper: order.slice(0, size), lower: order.slice(n - size) };
}

/** Every figure of the analysis; see the formulas at the top of the file. */
export function analyseItems(matrix: ResponseMatrix, cutScore: number): ItemAnalysis {
  const n = matrix.candidates;
  const k = matrix.items.length;
  const { choices } = matrix;
  const scored = new Uint8Array(n * k);
  const totals = new Float64Array(n);
  for (let c = 0; c < n; c += 1) {
    let sum = 0;
    for (let i = 0; i < k; i += 1) {
      const right = choices[c * k + i] === matrix.items[i]!.keyIndex ? 1 : 0;
      scored[c * k + i] = right;
      sum += right;
    }
    totals[c] = sum;
  }
  const all = Array.from({ length: k }, (_, i) => i);
  const scale = scaleOf(matrix, scored, all);
  const { upper, lower } = scoreGroups(totals);

  // Σ_i n·p_i·(1−p_i): the item sums of squares every alpha-if-deleted starts from.
  // Items that vary are the k of alpha (see the top of the file).
  let allItemSs = 0;
  let varying = 0;
  for (let i = 0; i < k; i += 1) {
    let correct = 0;
    for (let c = 0; c < n; c += 1) correct += scored[c * k + i] as number;
    allItemSs += correct * (1 - correct / Math.max(1, n));
    if (correct > 0 && correct < n) varying += 1;
  }
  const items: ItemFigures[] = [];
  for (let i = 0; i < k; i += 1) {
    const item = matrix.items[i]!;
    const optionCount = item.optionCount ?? 4;
    let correct = 0;
    let omits = 0;
    // Sums over candidates for the item–rest and option–rest correlations.
    let sumRest = 0;
    let sumRest2 = 0;
    let sumItemRest = 0;
    const chose = new Float64Array(optionCount);
    const choseRest = new Float64Array(optionCount);
    for (let c = 0; c < n; c += 1) {
      const x = scored[c * k + i] as number;
      const rest = (totals[c] as number) - x;
      const choice = choices[c * k + i] as number;
      correct += x;
      sumRest += rest;
      sumRest2 += rest * rest;
      sumItemRest += x * rest;
      if (choice < 0) omits += 1;
      else if (choice < optionCount) {
        chose[choice] = (chose[choice] as number) + 1;
        choseRest[choice] = (choseRest[choice] as number) + rest;
      }
    }
    const p = n > 0 ? correct / n : 0;
    const restSs = sumRest2 - (sumRest * sumRest) / Math.max(1, n);
    const sharesIn = (rows: number[]) => {
      const counts = new Float64Array(optionCount);
      for (const c of rows) {
        const choice = choices[c * k + i] as number;
        if (choice >= 0 && choice < optionCount) counts[choice] = (counts[choice] as number) + 1;
      }
      // An empty group (a single candidate) has no shares: null, not 0.
      return Array.from(counts, (count) => (rows.length > 0 ? count / rows.length : null));
    };
    const upperShares = sharesIn(upper);
    const lowerShares = sharesIn(lower);
    const options: OptionFigures[] = [];
    for (let o = 0; o < optionCount; o += 1) {
      const m = chose[o] as number;
      const share = n > 0 ? m / n : 0;
      options.push({
        index: o,
        isKey: o === item.keyIndex,
        proportion: share,
        upper: upperShares[o] ?? null,
        lower: lowerShares[o] ?? null,
        optionRest: correlation(
          (choseRest[o] as number) - (m * sumRest) / Math.max(1, n),
          m * (1 - share),
          restSs,
        ),
      });
    }
    // var(X − x_i) = var(X) − 2cov(X, x_i) + var(x_i), all as sums of squares.
    const itemSs = correct * (1 - p);
    const itemRest = correlation(
      sumItemRest - (correct * sumRest) / Math.max(1, n),
      itemSs,
      restSs,
    );
    const restVariance = n > 1 ? restSs / (n - 1) : 0;
    const restItemVariance = n > 1 ? (allItemSs - itemSs) / (n - 1) : 0;
    const upperP = upperShares[item.keyIndex] ?? null;
    const lowerP = lowerShares[item.keyIndex] ?? null;
    const figures: Omit<ItemFigures, 'flags'> = {
      index: i,
      domain: item.domain,
      p,
      itemRest,
      upperP,
      lowerP,
      discrimination: upperP === null || lowerP === null ? null : upperP - lowerP,
      omitRate: n > 0 ? omits / n : 0,
      alphaIfDeleted: alphaOf(
        varying - (correct > 0 && correct < n ? 1 : 0),
        restItemVariance,
        restVariance,
      ),
      options,
    };
    items.push({ ...figures, flags: flagItem(figures) });
  }

  const domains = [...new Set(matrix.items.map((item) => item.domain))].map((domain) => ({
    domain,
    ...scaleOf(
      matrix,
      scored,
      all.filter((i) => matrix.items[i]!.domain === domain),
    ),
  }));
  const distribution = Array.from({ length: k + 1 }, () => 0);
  let passed = 0;
  for (const x of totals) {
    distribution[x] = (distribution[x] as number) + 1;
    if (x >= cutScore) passed += 1;
  }
  return {
    test: { ...scale, cutScore, passRate: n > 0 ? passed / n : 0, distribution },
    groupSize: upper.length,
    domains,
    items,
  };
}
