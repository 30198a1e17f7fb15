/**
 * The exam clock as a pure function of recorded events. The server stores events and derives the
 * deadline from them; the client only displays `deadline - (now + skew)`.
 */
export type ClockEvent =
  | { type: 'start'; at: number }
  | { type: 'pause'; at: number }
  | { type: 'resume'; at: number }
  /** Time added by a proctor, or credited for an outage or an individual disconnect. */
  | { type: 'extend'; at: number; ms: number }
  /**
   * An accommodation approved or changed after the attempt was created: the change in the
   * part's allowance (negative when reduced), so the ledger, not a frozen copy, holds it.
   */
  | { type: 'accommodation'; at: number; ms: number };

export interface Accommodation {
  /** Scales the base time limit (1 = none, 1.5 = time and a half). */
  timeMultiplier: number;
  /** Added after scaling. */
  extraMinutes: number;
}

export const noAccommodation: Accommodation = { timeMultiplier: 1, extraMinutes: 0 };

export type ClockStatus = 'not-started' | 'running' | 'paused';

export interface ClockState {
  status: ClockStatus;
  /** Total time the part allows: base limit scaled by the accommodation, plus every extension. */
  allowedMs: number;
  /** Running time used so far (paused intervals excluded). */
  usedMs: number;
  remainingMs: number;
  /** Absolute epoch ms at which the part ends if nothing else happens; null unless running. */
  deadline: number | null;
}

/** The base limit a candidate's accommodation grants, before any extension. */
export function allowedBaseMs(baseLimitMs: number, accommodation: Accommodation): number {
  return Math.round(
    baseLimitMs * accommodation.timeMultiplier + accommodation.extraMinutes * 60_000,
  );
}

/**
 * The ledger entry an accommodation change needs for one part not yet closed: the difference
 * between the allowance the new accommodation grants and the one the part has now (its frozen
 * accommodation plus earlier accommodation entries). The full difference applies, to a running
 * part as to one not started: the part ends with exactly the allowance it would have had if the
 * accommodation had been approved before it began, and time already used counts the same either
 * way (scaling only the time still to run would give less the later the approval came).
 * A reduction never takes time from a part already started: the candidate keeps the time they
 * were shown; it applies in full to a part not yet started.
 */
export function accommodationDeltaMs(
  baseLimitMs: number,
  frozen: Accommodation,
  earlierDeltasMs: number,
  target: Accommodation,
  started: boolean,
): number {
  const current = allowedBaseMs(baseLimitMs, frozen) + earlierDeltasMs;
  const delta = allowedBaseMs(baseLimitMs, target) - current;
  return started && delta < 0 ? 0 : delta;
}

/**
 * Derives the clock at `now` from events in recorded order. Events before the start are ignored
 * except extensions; a second pause or a resume while running is a no-op, so a replayed event
 * cannot stretch or shrink time.
 */
export function computeClock(
  events: readonly ClockEvent[],
  baseLimitMs: number,
  accommodation: Accommodation,
  now: number,
): ClockState {
  let allowedMs = allowedBaseMs(baseLimitMs, accommodation);
  let status: ClockStatus = 'not-started';
  let runningSince = 0;
  let usedMs = 0;
  for (const event of events) {
    switch (event.type) {
      case 'start':
        if (status === 'not-started') {
          status = 'running';
          runningSince = event.at;
        }
        break;
      case 'pause':
        if (status === 'running') {
          usedMs += Math.max(0, event.at - runningSince);
          status = 'paused';
        }
        break;
      case 'resume':
        if (status === 'paused') {
          status = 'running';
          runningSince = event.at;
        }
        break;
      case 'extend':
      case 'accommodation':
        allowedMs += event.ms;
        break;
    }
  }
  if (status === 'running') usedMs += Math.max(0, now - runningSince);
  const remainingMs = Math.max(0, allowedMs - usedMs);
  const deadline = status === 'running' ? now + (allowedMs - usedMs) : null;
  return { status, allowedMs, usedMs, remainingMs, deadline };
}

/** What the candidate's screen shows: never counted down by intervals, always recomputed. */
export function displayedRemainingMs(deadline: number, clientNow: number, skewMs: number): number {
  return Math.max(0, deadline - (clientNow + skewMs));
}

/** The parts of a part's clock, as the server sent it, that a screen shows time left from. */
export interface ShownClock {
  status: string;
  deadline: number | null;
  /** What remained when the server computed this clock: never more than the part allows. */
  remainingMs: number;
}

/**
 * Time left on a screen: `deadline - (now + skew)` while running, never more than the server
 * said remained when it computed the clock (time only runs down while a part runs; a change
 * that adds time comes with a new clock). The skew is measured on every message, late when the
 * device was busy, and a screen pairs it with the `now` of its last tick, taken before that
 * message arrived: together they can put the server's time behind the part's start, and the
 * seconds, rounded up, read 1:30:01 on a 90-minute part. The cap only ever lowers an estimate
 * already behind the server, so it never runs the clock ahead of the deadline.
 */
export function shownRemainingMs(clock: ShownClock, clientNow: number, skewMs: number): number {
  if (clock.status !== 'running' || clock.deadline === null) return clock.remainingMs;
  return Math.min(clock.remainingMs, displayedRemainingMs(clock.deadline, clientNow, skewMs));
}

/** Warnings announced to the candidate, in minutes before the end. */
export const clockWarningsMinutes = [15, 5, 1] as const;

/** Formats remaining time as h:mm:ss or mm:ss. */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}
