import { describe, expect, it } from 'vitest';
import { createSocketHeartbeat, type BeatingSocket } from '../src/ws/heartbeat.js';

class FakeSocket implements BeatingSocket {
  alive = true;
  pings = 0;
  terminated = false;
  ended = false;
  constructor(readonly sessionToken: string | undefined) {}
  ping(): void {
    this.pings += 1;
  }
  terminate(): void {
    this.terminated = true;
  }
  endSession(): void {
    this.ended = true;
  }
}

const INTERVAL = 15_000;

function heartbeatAt(clock: { t: number }, live: Set<string> | Error, phases: number[]) {
  const queries: string[][] = [];
  let next = 0;
  const heartbeat = createSocketHeartbeat({
    intervalMs: INTERVAL,
    tickMs: 500,
    now: () => clock.t,
    random: () => phases[next++ % phases.length] ?? 0,
    liveTokens: (tokens) => {
      queries.push(tokens);
      return live instanceof Error ? Promise.reject(live) : Promise.resolve(live);
    },
  });
  return { heartbeat, queries };
}

describe('exam socket heartbeat', () => {
  it('spreads sockets over the interval: each is pinged once per interval, in its own tick', async () => {
    const clock = { t: 0 };
    const { heartbeat, queries } = heartbeatAt(clock, new Set(['a', 'b', 'c']), [0, 0.5, 0.9]);
    const sockets = ['a', 'b', 'c'].map((token) => new FakeSocket(token));
    for (const socket of sockets) heartbeat.add(socket);

    for (clock.t = 0; clock.t < 2 * INTERVAL; clock.t += 500) {
      for (const socket of sockets) socket.alive = true; // each pong arrives
      await heartbeat.beat();
    }
    expect(sockets.map((s) => s.pings)).toEqual([2, 2, 2]);
    // Never more than one socket's session per query: the beats fell in different ticks.
    expect(queries).toHaveLength(6);
    expect(queries.every((tokens) => tokens.length === 1)).toBe(true);
    expect(sockets.some((s) => s.terminated || s.ended)).toBe(false);
  });

  it('cuts a socket that did not answer its last ping, and forgets removed ones', async () => {
    const clock = { t: 0 };
    const { heartbeat } = heartbeatAt(clock, new Set(['a', 'b']), [0]);
    const silent = new FakeSocket('a');
    const gone = new FakeSocket('b');
    heartbeat.add(silent);
    heartbeat.add(gone);
    await heartbeat.beat();
    expect(silent.alive).toBe(false);
    heartbeat.remove(gone);

    clock.t = INTERVAL;
    await heartbeat.beat();
    expect(silent.terminated).toBe(true);
    expect(gone.pings).toBe(1);
    expect(gone.terminated).toBe(false);
  });

  it('closes sockets whose session ended, and keeps them all when the database is unreachable', async () => {
    const clock = { t: 0 };
    const { heartbeat } = heartbeatAt(clock, new Set(['live']), [0]);
    const live = new FakeSocket('live');
    const revoked = new FakeSocket('revoked');
    const anonymous = new FakeSocket(undefined);
    for (const socket of [live, revoked, anonymous]) heartbeat.add(socket);
    await heartbeat.beat();
    expect([live.ended, revoked.ended, anonymous.ended]).toEqual([false, true, true]);

    const down = heartbeatAt({ t: 0 }, new Error('connection refused'), [0]);
    const kept = new FakeSocket('live');
    down.heartbeat.add(kept);
    await down.heartbeat.beat();
    expect(kept.ended).toBe(false);
    expect(kept.terminated).toBe(false);
  });

  it('has each live socket that can lose its right to stay open check it again, and no other', async () => {
    const clock = { t: 0 };
    const { heartbeat } = heartbeatAt(clock, new Set(['live']), [0]);
    const rechecks: string[] = [];
    const dashboard = Object.assign(new FakeSocket('live'), {
      recheck: () => void rechecks.push('live'),
    });
    const ended = Object.assign(new FakeSocket('revoked'), {
      recheck: () => void rechecks.push('revoked'),
    });
    heartbeat.add(dashboard);
    heartbeat.add(ended);
    await heartbeat.beat();
    // The revoked session is closed for that; only the live one asks again.
    expect(rechecks).toEqual(['live']);
    expect(ended.ended).toBe(true);
  });
});
