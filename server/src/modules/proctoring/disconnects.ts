import type { ClockEvent } from '@exam/shared/domain';
import type { ConnectionEvent } from '../delivery/index.js';

/** The intervals a part's clock ran, from its events; the last may still be open (end null). */
export function runningIntervals(
  events: readonly ClockEvent[],
  closedAt: number | null,
): { start: number; end: number | null }[] {
  const intervals: { start: number; end: number | null }[] = [];
  // Mirrors computeClock: a repeated pause or resume changes nothing.
  let status: 'not-started' | 'running' | 'paused' = 'not-started';
  let since = 0;
  for (const event of events) {
    if (event.type === 'start' && status === 'not-started') {
      status = 'running';
      since = event.at;
    } else if (event.type === 'pause' && status === 'running') {
      intervals.push({ start: since, end: event.at });
      status = 'paused';
    } else if (event.type === 'resume' && status === 'paused') {
      status = 'running';
      since = event.at;
    }
  }
  if (status === 'running') intervals.push({ start: since, end: closedAt });
  return intervals;
}

/** How long the clock ran between `from` and `to`: the time a disconnect actually cost. */
export function runningMsBetween(
  events: readonly ClockEvent[],
  closedAt: number | null,
  from: number,
  to: number,
): number {
  let total = 0;
  for (const interval of runningIntervals(events, closedAt)) {
    const start = Math.max(interval.start, from);
    const end = Math.min(interval.end ?? to, to);
    if (end > start) total += end - start;
  }
  return total;
}

/** A disconnect and the connect that ended it (to is null while the candidate is still away). */
export interface DisconnectSpan {
  id: number;
  from: number;
  to: number | null;
}

/** Pairs each real disconnect (not one caused by a takeover) with the next connect. */
export function disconnectSpans(events: readonly ConnectionEvent[]): DisconnectSpan[] {
  const spans: DisconnectSpan[] = [];
  for (const [index, event] of events.entries()) {
    if (event.type !== 'disconnect' || event.takenOver) continue;
    const back = events.slice(index + 1).find((e) => e.type === 'connect');
    spans.push({ id: event.id, from: event.at.getTime(), to: back?.at.getTime() ?? null });
  }
  return spans;
}
