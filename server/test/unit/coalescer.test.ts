import { describe, expect, it } from 'vitest';
import {
  SittingCoalescer,
  type CoalescerTimers,
  type SittingWindow,
} from '../../src/events/coalescer.js';
import { packPayloads } from '../../src/events/pg-event-bus.js';

/** Timers on a clock the test moves: a timer runs when the clock passes its time. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: CoalescerTimers = {
    now: () => now,
    set: (run, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + ms, run });
      return id;
    },
    clear: (handle) => pending.delete(handle as number),
  };
  return {
    timers,
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= until)
          .sort(([, x], [, y]) => x.at - y.at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
    get pending() {
      return pending.size;
    },
  };
}

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';

function coalescer(windowMs = 150) {
  const clock = fakeTimers();
  const flushed: (SittingWindow & { at: number })[] = [];
  const c = new SittingCoalescer({
    windowMs,
    timers: clock.timers,
    flush: (window) => flushed.push({ ...window, at: clock.timers.now() }),
  });
  return { c, clock, flushed };
}

describe('the per-sitting coalescer', () => {
  it('sends each sitting once per window, its repeats folded, other sittings on their own windows', () => {
    const { c, clock, flushed } = coalescer(150);
    for (let i = 0; i < 40; i += 1) c.add({ kind: 'activity', attemptId: 'a1', sittingId: S1 });
    c.add({ kind: 'attempt', attemptId: 'a1', sittingId: S1 });
    clock.advance(60);
    c.add({ kind: 'activity', attemptId: 'a9', sittingId: S2 });
    c.add({ kind: 'enrolment', sittingId: S1, enrolmentId: 'e1' });
    clock.advance(89);
    expect(flushed).toEqual([]);

    clock.advance(1);
    expect(flushed).toEqual([
      {
        sittingId: S1,
        openedAt: 0,
        at: 150,
        events: [
          { kind: 'activity', attemptId: 'a1', sittingId: S1 },
          { kind: 'attempt', attemptId: 'a1', sittingId: S1 },
          { kind: 'enrolment', sittingId: S1, enrolmentId: 'e1' },
        ],
      },
    ]);
    // Sitting 2 opened its window 60 ms in: it goes out 150 ms after that, not with sitting 1.
    clock.advance(59);
    expect(flushed).toHaveLength(1);
    clock.advance(1);
    expect(flushed[1]).toMatchObject({ sittingId: S2, openedAt: 60, at: 210 });
    expect(clock.pending).toBe(0);
  });

  it('publishes a busy sitting no more often than once per window, however long it stays busy', () => {
    const { c, clock, flushed } = coalescer(200);
    for (let t = 0; t < 2000; t += 10) {
      c.add({ kind: 'activity', attemptId: `a${(t / 10) % 7}`, sittingId: S1 });
      clock.advance(10);
    }
    clock.advance(200);
    const times = flushed.map((w) => w.at);
    expect(times).toHaveLength(10);
    for (let i = 1; i < times.length; i += 1)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(200);
    // Twenty saves of seven candidates in each window: seven events.
    expect(flushed.map((w) => w.events.length)).toEqual(Array(10).fill(7));
  });

  it('keeps events of no sitting in a window of their own, and gives every window up at once on takeAll', () => {
    const { c, clock, flushed } = coalescer(150);
    c.add({ kind: 'session', sessionId: 'x' });
    c.add({ kind: 'claim', attemptId: 'a1', at: 5 });
    c.add({ kind: 'incident', sittingId: S2, incidentId: 'i1' });
    expect(c.openWindows).toBe(2);
    const taken = c.takeAll();
    expect(taken.map((w) => [w.sittingId, w.events.length])).toEqual([
      ['', 2],
      [S2, 1],
    ]);
    clock.advance(500);
    expect(flushed).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('puts back a batch that could not be sent into its sitting’s next window, without doubles', () => {
    const { c, clock, flushed } = coalescer(150);
    c.add({ kind: 'attempt', attemptId: 'a1', sittingId: S1 });
    clock.advance(150);
    const [failed] = flushed.splice(0);
    clock.advance(20);
    c.add({ kind: 'attempt', attemptId: 'a1', sittingId: S1 });
    c.add({ kind: 'attempt', attemptId: 'a2', sittingId: S1 });
    c.restore(failed!);
    clock.advance(150);
    expect(flushed).toHaveLength(1);
    expect(flushed[0]!.openedAt).toBe(0);
    expect(flushed[0]!.events.map((e) => (e as { attemptId: string }).attemptId)).toEqual([
      'a1',
      'a2',
    ]);
  });
});

describe('a sitting’s NOTIFY payload', () => {
  it('carries the sender, its sequence number, the sitting and ids only', () => {
    const [payload, more] = packPayloads(
      'instance-a',
      7,
      1_000,
      [
        { kind: 'activity', attemptId: 'a1', eventId: 3, sittingId: S1 },
        { kind: 'attempt', attemptId: 'a2', sittingId: S1 },
      ],
      S1,
    );
    expect(more).toBeUndefined();
    expect(JSON.parse(payload!)).toEqual({
      o: 'instance-a',
      n: 7,
      t: 1_000,
      s: S1,
      e: [
        ['v', 'a1', 3],
        ['a', 'a2'],
      ],
    });
  });
});
