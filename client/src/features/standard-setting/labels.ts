import type { StudyStatus } from '@exam/shared/api';

export const statusLabels: Record<StudyStatus, string> = {
  round1: 'Round 1 rating',
  round2: 'Round 2 rating (impact data shown)',
  adopted: 'Cut adopted',
};

/** A share as a percentage, or a dash when there is none. */
export function percent(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(digits)}%`;
}

/** A figure to two decimals, or a dash when there is none. */
export function fixed(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? '–' : value.toFixed(digits);
}
