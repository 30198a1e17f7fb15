/** How the analysis page writes its figures: fixed decimals, "–" for an undefined one. */
export function figure(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(0)}%`;
}
