import { describe, expect, it } from 'vitest';
import {
  accommodationDeltaMs,
  computeClock,
  displayedRemainingMs,
  shownRemainingMs,
  formatRemaining,
  noAccommodation,
  type ClockEvent,
} from '../src/domain/clock.js';

const MIN = 60_000;
const LIMIT = 90 * MIN;
const t0 = 1_800_000_000_000;

describe('computeClock', () => {
  it('has not started without a start event', () => {
    const clock = computeClock([], LIMIT, noAccommodation, t0);
    expect(clock).toMatchObject({ status: 'not-started', remainingMs: LIMIT, deadline: null });
  });

  it('runs from the recorded start, not from when the page was opened', () => {
    const clock = computeClock([{ type: 'start', at: t0 }], LIMIT, noAccommodation, t0 + 10 * MIN);
    expect(clock.status).toBe('running');
    expect(clock.remainingMs).toBe(80 * MIN);
    expect(clock.deadline).toBe(t0 + LIMIT);
  });

  it('stops the clock while paused and moves the deadline by the pause', () => {
    const events: ClockEvent[] = [
      { type: 'start', at: t0 },
      { type: 'pause', at: t0 + 10 * MIN },
      { type: 'resume', at: t0 + 25 * MIN },
    ];
    const paused = computeClock(events.slice(0, 2), LIMIT, noAccommodation, t0 + 20 * MIN);
    expect(paused).toMatchObject({ status: 'paused', remainingMs: 80 * MIN, deadline: null });
    const resumed = computeClock(events, LIMIT, noAccommodation, t0 + 30 * MIN);
    expect(resumed.deadline).toBe(t0 + LIMIT + 15 * MIN);
    expect(resumed.remainingMs).toBe(75 * MIN);
  });

  it('ignores a duplicate pause or resume', () => {
    const events: ClockEvent[] = [
      { type: 'start', at: t0 },
      { type: 'pause', at: t0 + MIN },
      { type: 'pause', at: t0 + 2 * MIN },
      { type: 'resume', at: t0 + 3 * MIN },
      { type: 'resume', at: t0 + 4 * MIN },
    ];
    expect(computeClock(events, LIMIT, noAccommodation, t0 + 5 * MIN).deadline).toBe(
      t0 + LIMIT + 2 * MIN,
    );
  });

  it('adds extensions and outage credits', () => {
    const events: ClockEvent[] = [
      { type: 'start', at: t0 },
      { type: 'extend', at: t0 + MIN, ms: 10 * MIN },
      { type: 'extend', at: t0 + 2 * MIN, ms: 30_000 },
    ];
    expect(computeClock(events, LIMIT, noAccommodation, t0).deadline).toBe(t0 + 100 * MIN + 30_000);
  });

  it('scales the limit by the accommodation multiplier, then adds extra minutes', () => {
    const start: ClockEvent[] = [{ type: 'start', at: t0 }];
    const half = computeClock(start, LIMIT, { timeMultiplier: 1.5, extraMinutes: 0 }, t0);
    expect(half.allowedMs).toBe(135 * MIN);
    const both = computeClock(start, LIMIT, { timeMultiplier: 1.25, extraMinutes: 10 }, t0);
    expect(both.allowedMs).toBe(112.5 * MIN + 10 * MIN);
  });

  it('never reports negative time', () => {
    const clock = computeClock([{ type: 'start', at: t0 }], LIMIT, noAccommodation, t0 + 200 * MIN);
    expect(clock.remainingMs).toBe(0);
  });
});

describe('accommodations on the ledger', () => {
  const half = { timeMultiplier: 1.5, extraMinutes: 0 };

  it("moves a running part's deadline by an accommodation entry, like an extension", () => {
    const events: ClockEvent[] = [
      { type: 'start', at: t0 },
      { type: 'accommodation', at: t0 + 30 * MIN, ms: 45 * MIN },
    ];
    const clock = computeClock(events, LIMIT, noAccommodation, t0 + 40 * MIN);
    expect(clock.allowedMs).toBe(135 * MIN);
    expect(clock.deadline).toBe(t0 + 135 * MIN);
    expect(clock.remainingMs).toBe(95 * MIN);
  });

  it('gives a running part the full allowance the new accommodation grants', () => {
    // Approved 30 minutes into a 90-minute part: time and a half means 135 minutes in all.
    expect(accommodationDeltaMs(LIMIT, noAccommodation, 0, half, true)).toBe(45 * MIN);
    // Changed again to +10 minutes on top: only the difference is recorded.
    const more = { timeMultiplier: 1.5, extraMinutes: 10 };
    expect(accommodationDeltaMs(LIMIT, noAccommodation, 45 * MIN, more, true)).toBe(10 * MIN);
    // Saved again unchanged: nothing to record.
    expect(accommodationDeltaMs(LIMIT, noAccommodation, 55 * MIN, more, true)).toBe(0);
  });

  it('counts the accommodation frozen at creation', () => {
    expect(accommodationDeltaMs(LIMIT, half, 0, half, false)).toBe(0);
    expect(accommodationDeltaMs(LIMIT, half, 0, { timeMultiplier: 2, extraMinutes: 0 }, true)).toBe(
      45 * MIN,
    );
  });

  it('reduces a part not yet started in full, never a part already started', () => {
    expect(accommodationDeltaMs(LIMIT, half, 0, noAccommodation, false)).toBe(-45 * MIN);
    expect(accommodationDeltaMs(LIMIT, half, 0, noAccommodation, true)).toBe(0);
    const events: ClockEvent[] = [{ type: 'accommodation', at: t0, ms: -45 * MIN }];
    expect(computeClock(events, LIMIT, half, t0).allowedMs).toBe(LIMIT);
  });
});

describe('display', () => {
  it('shows deadline minus skew-corrected now', () => {
    expect(displayedRemainingMs(t0 + 60_000, t0, 5_000)).toBe(55_000);
    expect(displayedRemainingMs(t0, t0 + 10, 0)).toBe(0);
  });

  it('never shows more than the server said remained, and never less than the estimate', () => {
    const clock = { status: 'running', deadline: t0 + LIMIT, remainingMs: LIMIT - 2 };
    // An estimate of the server's time 50 ms before the start would read 1:30:01.
    expect(shownRemainingMs(clock, t0 - 50, 0)).toBe(LIMIT - 2);
    expect(formatRemaining(shownRemainingMs(clock, t0 - 50, 0))).toBe('1:30:00');
    // Later, the estimate is what shows: the cap never runs the clock ahead of the deadline.
    expect(shownRemainingMs(clock, t0 + 60_000, 0)).toBe(LIMIT - 60_000);
    // Paused or not started: the stored remainder, as before.
    expect(
      shownRemainingMs({ status: 'paused', deadline: null, remainingMs: 5 * MIN }, t0, 0),
    ).toBe(5 * MIN);
  });

  it('formats remaining time', () => {
    expect(formatRemaining(90 * MIN)).toBe('1:30:00');
    expect(formatRemaining(59_001)).toBe('01:00');
    expect(formatRemaining(0)).toBe('00:00');
  });
});
