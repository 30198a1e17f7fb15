/**
 * How many of an attempt's changes left the outbox without being stored (refused for good, or
 * still waiting when a part closed), and why, kept on the device: a reload must not turn the
 * indicator back to "All answers saved" once the refused changes themselves are gone from the
 * outbox, nor lose what the candidate was told about them.
 */
import type { ExamState } from './exam-state';

const keyOf = (attemptId: string) => `exam-not-saved:${attemptId}`;

/**
 * The distinct reasons kept, most recent first. A few are enough to say what went wrong (the
 * server gives one sentence per kind of refusal); the count says how many changes it was.
 */
export const MAX_NOT_SAVED_REASONS = 5;

export interface NotSavedTally {
  count: number;
  /** Distinct, most recent first, at most MAX_NOT_SAVED_REASONS. */
  reasons: string[];
}

/** `reason` first, then the earlier ones without it, capped. */
export function withReason(reasons: readonly string[], reason: string): string[] {
  return [reason, ...reasons.filter((r) => r !== reason)].slice(0, MAX_NOT_SAVED_REASONS);
}

/** Both lists' reasons, `recent`'s first, deduplicated and capped. */
export function mergedReasons(recent: readonly string[], older: readonly string[]): string[] {
  return [...new Set([...recent, ...older])].slice(0, MAX_NOT_SAVED_REASONS);
}

function parsed(raw: string | null): NotSavedTally {
  if (raw === null) return { count: 0, reasons: [] };
  // Before reasons were kept, the value was the bare count.
  const value: unknown = /^\d+$/.test(raw) ? { count: Number(raw) } : JSON.parse(raw);
  if (typeof value !== 'object' || value === null) return { count: 0, reasons: [] };
  const { count, reasons } = value as { count?: unknown; reasons?: unknown };
  return {
    count: Number.isSafeInteger(count) && (count as number) > 0 ? (count as number) : 0,
    reasons: Array.isArray(reasons)
      ? mergedReasons(
          reasons.filter((r): r is string => typeof r === 'string'),
          [],
        )
      : [],
  };
}

export function keptNotSaved(attemptId: string): NotSavedTally {
  try {
    return parsed(localStorage.getItem(keyOf(attemptId)));
  } catch {
    // Storage disabled, or a value this code cannot read: the tally lasts as long as the page.
    return { count: 0, reasons: [] };
  }
}

export function keepNotSaved(attemptId: string, tally: NotSavedTally): void {
  try {
    localStorage.setItem(keyOf(attemptId), JSON.stringify(tally));
  } catch {
    // Storage full or disabled: the page still shows the tally until it is reloaded.
  }
}

type Tally = Pick<ExamState, 'notSavedCount' | 'notSavedReasons'>;

/**
 * The tally after `count` more changes were not stored for `reason`, kept on the device too.
 * The reason goes to the list (NotSavedReasons), not the page's notice: a burst of refusals
 * replaced each other there, leaving only the last, each announced on its own.
 */
export function moreNotSaved(
  attemptId: string | undefined,
  tally: Tally,
  count: number,
  reason: string,
): Tally {
  const notSavedCount = tally.notSavedCount + count;
  const notSavedReasons = withReason(tally.notSavedReasons, reason);
  if (attemptId !== undefined) {
    keepNotSaved(attemptId, { count: notSavedCount, reasons: notSavedReasons });
  }
  return { notSavedCount, notSavedReasons };
}

/** What the device kept of the attempt's tally, when it counts more than the page does. */
export function recalledNotSaved(attemptId: string, tally: Tally): Tally | undefined {
  const kept = keptNotSaved(attemptId);
  if (kept.count <= tally.notSavedCount) return undefined;
  return {
    notSavedCount: kept.count,
    notSavedReasons: mergedReasons(tally.notSavedReasons, kept.reasons),
  };
}
