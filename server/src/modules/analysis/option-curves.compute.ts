import type { ResponseMatrix } from './item-analysis.compute.js';

/** Share of each score group choosing each option (and omitting, last), per item. */
export interface OptionCurve {
  index: number;
  groups: { label: string; shares: number[] }[];
}

/**
 * Option curves: candidates ranked by total score (ties in row order) and cut into `groupCount`
 * groups of (nearly) equal size, lowest first; for each item and group, the share choosing each
 * option and the share omitting. A good key rises from left to right; a good distractor falls.
 */
export function optionCurves(matrix: ResponseMatrix, groupCount = 5): OptionCurve[] {
  const n = matrix.candidates;
  const k = matrix.items.length;
  const totals = Array.from({ length: n }, (_, c) => {
    let sum = 0;
    for (let i = 0; i < k; i += 1) {
      if (matrix.choices[c * k + i] === matrix.items[i]!.keyIndex) sum += 1;
    }
    return sum;
  });
  const order = Array.from({ length: n }, (_, c) => c).sort(
    (a, b) => totals[a]! - totals[b]! || a - b,
  );
  const count = Math.min(groupCount, Math.max(1, n));
  const groups = Array.from({ length: count }, (_, g) => {
    const rows = order.slice(Math.floor((g * n) / count), Math.floor(((g + 1) * n) / count));
    const scores = rows.map((c) => totals[c]!);
    const label = rows.length === 0 ? 'empty' : `${Math.min(...scores)}–${Math.max(...scores)}`;
    return { rows, label };
  });
  return matrix.items.map((item, i) => {
    const optionCount = item.optionCount ?? 4;
    return {
      index: i,
      groups: groups.map(({ rows, label }) => {
        const counts = Array.from({ length: optionCount + 1 }, () => 0);
        for (const c of rows) {
          const choice = matrix.choices[c * k + i]!;
          const slot = choice >= 0 && choice < optionCount ? choice : optionCount;
          counts[slot] = counts[slot]! + 1;
        }
        return { label, shares: counts.map((count) => (rows.length ? count / rows.length : 0)) };
      }),
    };
  });
}
