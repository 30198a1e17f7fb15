import { formatRemaining, shownRemainingMs } from '@exam/shared/domain';
import type { CandidateState, PartClock, ProctorCandidate } from '@exam/shared/protocol';

/** A table re-renders on every tick; building a formatter per cell would be most of the work. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * hh:mm (hh:mm:ss with `seconds`, where evidence is compared) in the sitting's time zone, where
 * the room is, with the zone's short name ("06:22 AM EST", or "GMT+5:30" where the zone has no
 * common abbreviation): a proctor elsewhere, or a coordinator reading later, cannot mistake it
 * for their own time. Every time on the proctor console is printed by this.
 */
export function clockTime(
  at: number,
  timeZone: string,
  options: { seconds?: boolean } = {},
): string {
  const key = `${timeZone}|${options.seconds === true}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      hour: '2-digit',
      minute: '2-digit',
      ...(options.seconds ? { second: '2-digit' } : {}),
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(key, format);
  }
  return format.format(at);
}

export const stateLabels: Record<CandidateState, string> = {
  'not-arrived': 'Not arrived',
  waiting: 'Waiting for admission',
  admitted: 'Admitted, not started',
  'part-one': 'In Part One',
  paused: 'Paused',
  'between-parts': 'Between parts',
  'part-two': 'In Part Two',
  submitted: 'Submitted',
  ended: 'Ended by proctor',
};

/**
 * Time left as `deadline - (now + skew)` while running (never more than the server last said
 * remained); the stored remainder otherwise.
 */
export function timeLeft(clock: PartClock | null, now: number, skewMs: number): string {
  if (!clock) return '–';
  if (['submitted', 'expired', 'ended'].includes(clock.status)) return 'Closed';
  const text = formatRemaining(shownRemainingMs(clock, now, skewMs));
  if (clock.status === 'paused') return `${text} (paused)`;
  if (clock.status === 'not-started') return `${text} (not started)`;
  return text;
}

export function progressText(candidate: ProctorCandidate): string {
  if (candidate.currentPart === 2) {
    const n = candidate.responsesWritten;
    return `${n} ${n === 1 ? 'response' : 'responses'} written`;
  }
  if (candidate.questionCount === 0) return '–';
  return `${candidate.answered} of ${candidate.questionCount} answered`;
}

export function connectionText(candidate: ProctorCandidate, timeZone: string): string {
  const { status, since } = candidate.connection;
  if (status === 'never' || since === null) return 'Not connected yet';
  return status === 'connected' ? 'Connected' : `Disconnected since ${clockTime(since, timeZone)}`;
}
