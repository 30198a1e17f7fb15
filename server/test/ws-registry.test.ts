import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { closeCodes } from '@exam/shared/protocol';
import { SocketRegistry } from '../src/ws/socket-registry.js';
import { FakeSocket } from './helpers/fake-socket.js';

const INTERVAL = 15_000;

function registry(live: Set<string> = new Set(), phases: number[] = [0]) {
  const clock = { t: 0 };
  const queries: string[][] = [];
  const revoked = new EventEmitter<{ revoked: [sessionId: string] }>();
  const claimed = new EventEmitter<{ claimed: [attemptId: string, at: number] }>();
  const announced: string[] = [];
  const claimedAt = new Map<string, number>();
  let next = 0;
  const sockets = new SocketRegistry<string, string>({
    liveTokens: (tokens) => {
      queries.push(tokens);
      return Promise.resolve(live);
    },
    // The event bus as the registry sees it (instance-events.ts's registryEvents).
    events: {
      onSessionRevoked: (listener) => {
        revoked.on('revoked', listener);
        return () => revoked.off('revoked', listener);
      },
      onClaimedElsewhere: (listener) => {
        claimed.on('claimed', listener);
        return () => claimed.off('claimed', listener);
      },
      announceClaim: (attemptId, at) => {
        announced.push(attemptId);
        claimedAt.set(attemptId, at);
      },
      onMissedEvents: () => () => undefined,
    },
    heartbeat: {
      intervalMs: INTERVAL,
      tickMs: 500,
      now: () => clock.t,
      random: () => phases[next++ % phases.length] ?? 0,
    },
  });
  sockets.defineKind('exam', { perSession: 1, perUser: 3 });
  sockets.defineKind('proctor', { perSession: 4 });
  return { sockets, clock, queries, revoked, claimed, announced, claimedAt };
}

describe('socket registry: across instances', () => {
  it('announces each claim and gives way when another instance claims the attempt', () => {
    const { sockets, claimed, announced, claimedAt } = registry();
    const here = new FakeSocket('exam', 's1', 'casey');
    const other = new FakeSocket('exam', 's2', 'morgan');
    sockets.add(here);
    sockets.add(other);
    sockets.start();
    expect(sockets.claimAttempt('attempt-1', here)).toBeUndefined();
    sockets.claimAttempt('attempt-2', other);
    expect(announced).toEqual(['attempt-1', 'attempt-2']);
    expect(sockets.heldAttempts()).toEqual(['attempt-1', 'attempt-2']);

    // A claim made elsewhere before this one (they crossed on the way) does not displace it.
    claimed.emit('claimed', 'attempt-1', claimedAt.get('attempt-1')! - 1);
    expect(here.displaced).toBe(0);
    claimed.emit('claimed', 'attempt-1', claimedAt.get('attempt-1')! + 1);
    expect(here.displaced).toBe(1);
    expect(other.displaced).toBe(0);
    expect(sockets.attemptSocket('attempt-1')).toBeUndefined();
    // A claim for an attempt this instance does not hold changes nothing here.
    claimed.emit('claimed', 'attempt-9', Date.now());
    expect(sockets.heldAttempts()).toEqual(['attempt-2']);
    sockets.stop();
    claimed.emit('claimed', 'attempt-2', claimedAt.get('attempt-2')! + 1);
    expect(other.displaced).toBe(0);
  });
});

describe('socket registry: by session', () => {
  it('closes every socket of a revoked session, of either kind, and no other', () => {
    const { sockets, revoked } = registry();
    const exam = new FakeSocket('exam', 's1', 'casey');
    const dashboard = new FakeSocket('proctor', 's1', 'casey');
    const other = new FakeSocket('exam', 's2', 'morgan');
    for (const socket of [exam, dashboard, other]) sockets.add(socket);
    sockets.start();
    revoked.emit('revoked', 's1');
    const signedOut = { code: closeCodes.UNAUTHENTICATED, reason: 'signed out' };
    expect(exam.closes).toEqual([signedOut]);
    expect(dashboard.closes).toEqual([signedOut]);
    expect(other.closes).toEqual([]);

    sockets.stop();
    revoked.emit('revoked', 's2');
    expect(other.closes).toEqual([]);
  });

  it('lets the newest socket of a session take over past the per-session cap, per kind', () => {
    const { sockets } = registry();
    const first = new FakeSocket('exam', 's1', 'casey');
    expect(sockets.add(first)).toEqual([]);
    const second = new FakeSocket('exam', 's1', 'casey');
    expect(sockets.add(second)).toEqual([{ socket: first, attemptId: undefined }]);
    expect(first.displaced).toBe(1);
    // Dashboards are counted apart from exam sockets, four to a session.
    const dashboards = [1, 2, 3, 4, 5].map(() => new FakeSocket('proctor', 's1', 'casey'));
    const displaced = dashboards.flatMap((d) => sockets.add(d));
    expect(displaced.map((d) => d.socket)).toEqual([dashboards[0]]);
    expect(second.displaced).toBe(0);
    expect(() => sockets.add(new FakeSocket('grader', 's1', 'casey'))).toThrow(/never defined/);
    expect(() => sockets.defineKind('exam', { perSession: 1 })).toThrow(/already defined/);
  });

  it('never displaces a socket bound to an attempt through the per-user cap', () => {
    const { sockets } = registry();
    const bound = new FakeSocket('exam', 's1', 'casey');
    sockets.add(bound);
    sockets.claimAttempt('a1', bound);
    const idle = ['s2', 's3', 's4'].map((s) => new FakeSocket('exam', s, 'casey'));
    const displaced = idle.flatMap((socket) => sockets.add(socket));
    expect(displaced).toEqual([{ socket: idle[0], attemptId: undefined }]);
    expect(bound.displaced).toBe(0);
    // Displaced by its own session's newer socket, a bound one hands its attempt on at once.
    const again = new FakeSocket('exam', 's1', 'casey');
    expect(sockets.add(again)).toEqual([
      { socket: bound, attemptId: 'a1' },
      // Both caps are counted before either displaces: the user's cap is over by one too.
      { socket: idle[1], attemptId: undefined },
    ]);
    expect(sockets.attemptSocket('a1')).toBeUndefined();
  });
});

describe('socket registry: by attempt', () => {
  it('binds one socket per attempt: a second claim displaces the first and gets the pushes', () => {
    const { sockets } = registry();
    const laptop = new FakeSocket('exam', 's1', 'casey');
    const tablet = new FakeSocket('exam', 's2', 'casey');
    sockets.add(laptop);
    sockets.add(tablet);
    expect(sockets.claimAttempt('a1', laptop)).toBeUndefined();
    sockets.pushToAttempt('a1', 'clock');
    expect(sockets.claimAttempt('a1', tablet)).toBe(laptop);
    expect(laptop.displaced).toBe(1);
    sockets.pushToAttempt('a1', 'refresh');
    sockets.pushToAttempt('a2', 'nobody');
    // The displaced socket closing later does not unbind its successor.
    sockets.remove(laptop);
    sockets.pushToAttempt('a1', 'closed');
    expect(laptop.attemptEvents).toEqual(['clock']);
    expect(tablet.attemptEvents).toEqual(['refresh', 'closed']);
    sockets.remove(tablet);
    expect(sockets.attemptSocket('a1')).toBeUndefined();
    expect(sockets.sessionSockets('s2')).toBe(0);
  });
});

describe('socket registry: by sitting', () => {
  it('watches a sitting while someone does, and fans its events out in join order', () => {
    const { sockets } = registry();
    const watched: string[] = [];
    sockets.watchSittings((sittingId) => {
      watched.push(`watch ${sittingId}`);
      return () => watched.push(`unwatch ${sittingId}`);
    });
    const [a, b, c] = ['s1', 's2', 's3'].map((s) => new FakeSocket('proctor', s, s)) as [
      FakeSocket,
      FakeSocket,
      FakeSocket,
    ];
    for (const socket of [a, b, c]) sockets.add(socket);
    sockets.joinSitting('x', a);
    sockets.joinSitting('x', b);
    sockets.joinSitting('x', b); // a second hello changes nothing
    sockets.joinSitting('y', c);
    sockets.pushToSitting('x', 'row');
    sockets.pushToSitting('y', 'alert');
    sockets.pushToSitting('z', 'nobody');
    expect([a.sittingEvents, b.sittingEvents, c.sittingEvents]).toEqual([
      ['row'],
      ['row'],
      ['alert'],
    ]);
    expect(sockets.sittingAudience('x')).toBe(2);

    sockets.remove(a);
    expect(watched).toEqual(['watch x', 'watch y']);
    sockets.remove(b);
    expect(watched).toEqual(['watch x', 'watch y', 'unwatch x']);
    sockets.stop();
    expect(watched).toEqual(['watch x', 'watch y', 'unwatch x', 'unwatch y']);
  });
});

describe('socket registry: one heartbeat for every socket', () => {
  it('checks the sessions of all sockets due in a tick in one query, exam and proctor alike', async () => {
    const live = new Set(Array.from({ length: 40 }, (_, i) => `s${i}`));
    const { sockets, queries } = registry(live, [0]);
    const all = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0
        ? new FakeSocket('exam', `s${i}`, `u${i}`)
        : new FakeSocket('proctor', `s${i}`, `u${i}`),
    );
    for (const socket of all) sockets.add(socket);
    await sockets.beat(0);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toHaveLength(50);
    expect(all.every((s) => s.pings === 1)).toBe(true);
    const ended = all.filter((s) => s.closes.length > 0).map((s) => s.sessionId);
    expect(ended).toEqual(Array.from({ length: 10 }, (_, i) => `s${40 + i}`));
  });

  it('spreads sockets over the interval and stops beating removed ones', async () => {
    const { sockets, queries, clock } = registry(new Set(['s0', 's1', 's2']), [0, 0.5, 0.9]);
    const all = ['s0', 's1', 's2'].map((s) => new FakeSocket('proctor', s, s));
    for (const socket of all) sockets.add(socket);
    for (clock.t = 0; clock.t < INTERVAL; clock.t += 500) {
      for (const socket of all) socket.transport.alive = true;
      await sockets.beat(clock.t);
    }
    expect(queries).toEqual([['s0'], ['s1'], ['s2']]);
    sockets.remove(all[1]!);
    for (; clock.t < 2 * INTERVAL; clock.t += 500) {
      for (const socket of all) socket.transport.alive = true;
      await sockets.beat(clock.t);
    }
    expect(all.map((s) => s.pings)).toEqual([2, 1, 2]);
    expect(queries).toHaveLength(5);
  });

  it('cuts a socket that did not answer its last ping', async () => {
    const { sockets, clock } = registry(new Set(['s1']));
    const silent = new FakeSocket('exam', 's1', 'casey');
    sockets.add(silent);
    await sockets.beat(clock.t);
    clock.t = INTERVAL;
    await sockets.beat(clock.t);
    expect(silent.terminated).toBe(true);
  });
});
