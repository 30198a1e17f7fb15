/**
 * How every page writes a computed figure: one place, so the analysis, the standard-setting
 * pages and the results show a share or a statistic the same way. A missing or undefined value
 * (null, or NaN from a statistic with no spread) is shown as a dash, never as "NaN".
 */

const missing = (value: number | null | undefined): value is null | undefined =>
  value === null || value === undefined || Number.isNaN(value);

/** A share (0 to 1) as a percentage with `digits` decimals, or "–" when there is none. */
export function percent(value: number | null | undefined, digits = 0): string {
  return missing(value) ? '–' : `${(value * 100).toFixed(digits)}%`;
}

/** A figure with `digits` decimals (two unless asked), or "–" when there is none. */
export function figure(value: number | null | undefined, digits = 2): string {
  return missing(value) ? '–' : value.toFixed(digits);
}
