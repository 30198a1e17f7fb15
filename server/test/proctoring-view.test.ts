import { describe, expect, it } from 'vitest';
import type { PartClock } from '@exam/shared/protocol';
import type { ConnectionEvent } from '../src/modules/delivery/index.js';
import {
  alertFor,
  connectionOf,
  currentPartOf,
  stateOf,
} from '../src/modules/proctoring/candidate-view.js';
import { disconnectSpans, runningMsBetween } from '../src/modules/proctoring/disconnects.js';

const clock = (part: 1 | 2, status: PartClock['status']): PartClock => ({
  part,
  status,
  deadline: status === 'running' ? 1 : null,
  remainingMs: 0,
  allowedMs: 0,
});

let nextId = 1;
const event = (
  type: 'connect' | 'disconnect',
  at: number,
  extra: Partial<ConnectionEvent> = {},
): ConnectionEvent => ({
  id: nextId++,
  attemptId: 'a',
  type,
  at: new Date(at),
  takeover: false,
  takenOver: false,
  session: 's1',
  ...extra,
});

describe('candidate state as the proctor sees it', () => {
  const never = { status: 'never', since: null } as const;
  const online = { status: 'connected', since: 1 } as const;

  it('walks from not arrived to submitted', () => {
    expect(stateOf(false, never, null)).toBe('not-arrived');
    expect(stateOf(false, online, [clock(1, 'not-started'), clock(2, 'not-started')])).toBe(
      'waiting',
    );
    expect(stateOf(true, never, null)).toBe('admitted');
    expect(stateOf(true, online, [clock(1, 'running'), clock(2, 'not-started')])).toBe('part-one');
    expect(stateOf(true, online, [clock(1, 'paused'), clock(2, 'not-started')])).toBe('paused');
    expect(stateOf(true, online, [clock(1, 'submitted'), clock(2, 'not-started')])).toBe(
      'between-parts',
    );
    expect(stateOf(true, online, [clock(1, 'expired'), clock(2, 'running')])).toBe('part-two');
    expect(stateOf(true, online, [clock(1, 'submitted'), clock(2, 'paused')])).toBe('paused');
    expect(stateOf(true, online, [clock(1, 'submitted'), clock(2, 'expired')])).toBe('submitted');
    expect(stateOf(true, online, [clock(1, 'ended'), clock(2, 'ended')])).toBe('ended');
  });

  it('reads a retake of one part by the part sat, not as ended by the proctor', () => {
    // The part not sat is closed as ended from the start, with notSat on its clock.
    const notSat = (part: 1 | 2): PartClock => ({ ...clock(part, 'ended'), notSat: true });
    expect(stateOf(true, online, [notSat(1), clock(2, 'not-started')])).toBe('admitted');
    expect(stateOf(true, online, [notSat(1), clock(2, 'running')])).toBe('part-two');
    expect(stateOf(true, online, [notSat(1), clock(2, 'paused')])).toBe('paused');
    expect(stateOf(true, online, [notSat(1), clock(2, 'submitted')])).toBe('submitted');
    expect(stateOf(true, online, [clock(1, 'running'), notSat(2)])).toBe('part-one');
    expect(stateOf(true, online, [clock(1, 'submitted'), notSat(2)])).toBe('submitted');
    expect(stateOf(true, online, [clock(1, 'ended'), notSat(2)])).toBe('ended');
    expect(currentPartOf([notSat(1), clock(2, 'running')])).toBe(2);
    expect(currentPartOf([clock(1, 'running'), notSat(2)])).toBe(1);
  });

  it('shows an attempt ended in Part One by its Part One progress', () => {
    // The proctor's end closes Part Two unstarted too: Part One is where the candidate was.
    expect(currentPartOf([clock(1, 'ended'), clock(2, 'ended')])).toBe(1);
    expect(currentPartOf([clock(1, 'submitted'), clock(2, 'ended')])).toBe(2);
    expect(currentPartOf([clock(1, 'expired'), clock(2, 'running')])).toBe(2);
  });

  it('does not count a disconnect caused by a takeover as the candidate leaving', () => {
    const events = [
      event('connect', 1000),
      event('connect', 2000, { takeover: true }),
      event('disconnect', 2001, { takenOver: true }),
    ];
    expect(connectionOf(events)).toEqual({ status: 'connected', since: 2000 });
    expect(connectionOf([...events, event('disconnect', 3000)])).toEqual({
      status: 'disconnected',
      since: 3000,
    });
    // Restarted at 2500: the socket connected at 2000 did not survive it.
    expect(connectionOf(events, 2500)).toEqual({ status: 'disconnected', since: 2500 });
  });

  it('raises alerts for drop-outs and takeovers, naming a second sign-in', () => {
    const entry = { enrolmentId: '00000000-0000-4000-8000-000000000001', name: 'Casey' };
    expect(alertFor(event('disconnect', 5), entry, 's1')?.kind).toBe('disconnect');
    expect(alertFor(event('disconnect', 5, { takenOver: true }), entry, 's1')).toBeUndefined();
    expect(alertFor(event('connect', 5), entry, 's1')).toBeUndefined();
    expect(alertFor(event('connect', 5, { takeover: true }), entry, 's1')?.message).toMatch(
      /another tab/,
    );
    expect(alertFor(event('connect', 5, { session: 's2' }), entry, 's1')?.message).toMatch(
      /different sign-in/,
    );
  });
});

describe('disconnect credit arithmetic', () => {
  const events = [
    { type: 'start', at: 0 },
    { type: 'pause', at: 100 },
    { type: 'pause', at: 120 },
    { type: 'resume', at: 200 },
  ] as const;

  it('counts only the time the clock ran while the candidate was away', () => {
    expect(runningMsBetween(events, null, 50, 250)).toBe(50 + 50);
    expect(runningMsBetween(events, null, 110, 190)).toBe(0);
    expect(runningMsBetween(events, 230, 50, 300)).toBe(50 + 30);
    expect(runningMsBetween([], null, 0, 1000)).toBe(0);
  });

  it('pairs each real disconnect with the next connect', () => {
    const spans = disconnectSpans([
      event('connect', 0),
      event('disconnect', 10),
      event('connect', 40),
      event('disconnect', 41, { takenOver: true }),
      event('disconnect', 90),
    ]);
    expect(spans.map(({ from, to }) => [from, to])).toEqual([
      [10, 40],
      [90, null],
    ]);
  });
});
