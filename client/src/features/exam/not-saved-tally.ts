/**
 * How many of an attempt's changes left the outbox without being stored (refused for good, or
 * still waiting when a part closed), kept on the device: a reload must not turn the indicator
 * back to "All answers saved" once the refused changes themselves are gone from the outbox.
 */
const keyOf = (attemptId: string) => `exam-not-saved:${attemptId}`;

export function keptNotSaved(attemptId: string): number {
  try {
    const count = Number(localStorage.getItem(keyOf(attemptId)) ?? 0);
    return Number.isSafeInteger(count) && count > 0 ? count : 0;
  } catch {
    return 0; // storage disabled: the count lasts as long as the page, as the notice does
  }
}

export function keepNotSaved(attemptId: string, count: number): void {
  try {
    localStorage.setItem(keyOf(attemptId), String(count));
  } catch {
    // Storage full or disabled: the page still shows the count until it is reloaded.
  }
}
