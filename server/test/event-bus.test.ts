import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInProcessBus,
  type BusEvent,
  type EventBus,
  type EventOrigin,
} from '../src/events/event-bus.js';
import { createPgLeadership, createSoleLeadership, LeadershipLost } from '../src/events/leader.js';
import { createPgEventBus, MAX_PAYLOAD_BYTES, packPayloads } from '../src/events/pg-event-bus.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder(bus: EventBus) {
  const heard: { event: BusEvent; origin: EventOrigin; at: number }[] = [];
  bus.subscribe((event, origin) => heard.push({ event, origin, at: Date.now() }));
  return heard;
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > giveUp) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

describe('the in-process bus (the embedded database)', () => {
  it('delivers every event to this process at once, as local, past a failing listener', () => {
    const failures: unknown[] = [];
    const bus = createInProcessBus({ onError: (error) => failures.push(error) });
    bus.subscribe(() => {
      throw new Error('listener failed');
    });
    const heard = recorder(bus);
    bus.publish({ kind: 'session', sessionId: 's1' });
    bus.publish({ kind: 'attempt', attemptId: uuid(1) });
    expect(heard.map((h) => [h.event.kind, h.origin])).toEqual([
      ['session', 'local'],
      ['attempt', 'local'],
    ]);
    expect(failures).toHaveLength(2);
    expect(bus.publishedCount).toBe(2);
  });
});

describe('NOTIFY payloads', () => {
  it('carry ids only, numbered, each under the 8,000-byte limit', () => {
    const events: BusEvent[] = Array.from({ length: 600 }, (_, i) =>
      i % 2 === 0
        ? { kind: 'activity', attemptId: uuid(i), eventId: i }
        : { kind: 'enrolment', sittingId: uuid(0), enrolmentId: uuid(i) },
    );
    const payloads = packPayloads('instance-a', 41, 1_000, events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) {
      expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    }
    const envelopes = payloads.map((p) => JSON.parse(p) as { n: number; e: unknown[] });
    expect(envelopes.map((e) => e.n)).toEqual(envelopes.map((_, i) => 41 + i));
    expect(envelopes.reduce((sum, e) => sum + e.e.length, 0)).toBe(600);
  });
});

describe('leadership fencing', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => test.drop());

  it("refuses a former leader's writes once another instance took a newer epoch", async () => {
    const { db } = test.database;
    const first = createSoleLeadership({ db, holder: 'instance-a' });
    await first.start();
    expect(first.isLeader()).toBe(true);
    await db.transaction((tx) => first.fence(tx));

    const second = createSoleLeadership({ db, holder: 'instance-b' });
    await second.start();
    expect(second.epoch).toBe(first.epoch + 1);
    await db.transaction((tx) => second.fence(tx));
    // The first still believes it leads (say it was paused): its write is refused all the same.
    await expect(db.transaction((tx) => first.fence(tx))).rejects.toBeInstanceOf(LeadershipLost);
  });
});

// Two buses in one process stand for two instances: each with its own LISTEN connection.
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'the PostgreSQL bus (needs TEST_DATABASE_URL)',
  () => {
    let test: TestDatabase;
    let pool: pg.Pool;
    const buses: EventBus[] = [];

    beforeAll(async () => {
      test = await createTestDatabase();
      pool = new pg.Pool({ connectionString: test.url, max: 3 });
    });
    afterAll(async () => {
      for (const bus of buses) await bus.stop();
      await pool.end();
      await test.drop();
    });

    async function instance(name: string): Promise<EventBus> {
      const bus = createPgEventBus({
        pool,
        connectionString: test.url!,
        instanceId: name,
        flushMs: 100,
      });
      await bus.start();
      buses.push(bus);
      return bus;
    }

    it('delivers to the other instance, coalesced into one NOTIFY per window, and measures the lag', async () => {
      const a = await instance('a');
      const b = await instance('b');
      const heardOnB = recorder(b);
      const heardOnA = recorder(a);
      const lags: number[] = [];
      b.onDelivered((lag) => lags.push(lag));
      const publishedAt = Date.now();
      for (let i = 0; i < 50; i += 1) a.publish({ kind: 'activity', attemptId: uuid(1) });
      a.publish({ kind: 'attempt', attemptId: uuid(2) });
      await until(() => heardOnB.length >= 2, 2000);
      await sleep(200);
      // Fifty saves of one attempt in a window are one event; A heard its own at once, locally.
      expect(heardOnB.map((h) => [h.event.kind, h.origin])).toEqual([
        ['activity', 'remote'],
        ['attempt', 'remote'],
      ]);
      expect(heardOnA.filter((h) => h.origin === 'remote')).toEqual([]);
      expect(heardOnA).toHaveLength(51);
      expect(heardOnB[0]!.at - publishedAt).toBeGreaterThanOrEqual(90);
      expect(heardOnB[0]!.at - publishedAt).toBeLessThan(1000);
      expect(lags).toHaveLength(1);
    });

    it('sends one NOTIFY per sitting per window, carrying the sitting back to the receiver', async () => {
      const a = await instance('a-sittings');
      const b = await instance('b-sittings');
      const heardOnB = recorder(b);
      const envelopes: number[] = [];
      b.onDelivered(() => envelopes.push(Date.now()));
      const [s1, s2] = [uuid(901), uuid(902)];
      for (let i = 0; i < 20; i += 1) {
        a.publish({ kind: 'activity', attemptId: uuid(10 + (i % 4)), sittingId: s1 });
        a.publish({ kind: 'activity', attemptId: uuid(20 + (i % 3)), sittingId: s2 });
      }
      await until(() => heardOnB.length >= 7, 2000);
      await sleep(200);
      // Four candidates of sitting 1 and three of sitting 2: two notifications, seven events.
      expect(envelopes).toHaveLength(2);
      const bySitting = (sittingId: string) =>
        heardOnB.filter((h) => h.event.kind === 'activity' && h.event.sittingId === sittingId);
      expect(bySitting(s1)).toHaveLength(4);
      expect(bySitting(s2)).toHaveLength(3);
    });

    it('carries every kind of event to the other instance as it was published', async () => {
      const a = await instance('a-kinds');
      const b = await instance('b-kinds');
      const heardOnB = recorder(b);
      const sittingId = uuid(950);
      const events: BusEvent[] = [
        { kind: 'attempt', attemptId: uuid(951), sittingId },
        { kind: 'activity', attemptId: uuid(952), eventId: 7, sittingId },
        { kind: 'enrolment', sittingId, enrolmentId: uuid(953) },
        { kind: 'check-in', sittingId, enrolmentId: uuid(954) },
        { kind: 'incident', sittingId, incidentId: uuid(955) },
        { kind: 'integrity', sittingId, candidateId: uuid(958), at: 1_700_000_000_123 },
        { kind: 'acknowledged', sittingId },
        { kind: 'room', sittingId },
        { kind: 'access' },
        { kind: 'session', sessionId: 'session-956' },
        { kind: 'claim', attemptId: uuid(957), at: 1_700_000_000_000.5 },
      ];
      for (const event of events) a.publish(event);
      await until(() => heardOnB.length >= events.length, 2000);
      const byKind = (kind: string) => heardOnB.find((h) => h.event.kind === kind)?.event;
      for (const event of events) expect(byKind(event.kind)).toEqual(event);
    });

    it('fails over when the leader stops, and cuts off a leader whose lease ran out', async () => {
      const { db } = test.database;
      const leadership = (holder: string, pollMs: number) =>
        createPgLeadership({ connectionString: test.url!, db, holder, pollMs, leaseMs: 500 });
      // A never renews (as if paused): past its lease, B ends A's connection and takes over.
      const a = leadership('lead-a', 60_000);
      await a.start();
      expect(a.isLeader()).toBe(true);
      const b = leadership('lead-b', 100);
      await b.start();
      expect(b.isLeader()).toBe(false);
      const since = Date.now();
      await until(() => b.isLeader(), 5000);
      expect(Date.now() - since).toBeLessThan(5000);
      expect(b.epoch).toBe(a.epoch + 1);
      expect(a.isLeader()).toBe(false);
      await expect(db.transaction((tx) => a.fence(tx))).rejects.toBeInstanceOf(LeadershipLost);
      await db.transaction((tx) => b.fence(tx));
      // B stops (its session ends, releasing the lock): C takes over at its next poll.
      const c = leadership('lead-c', 100);
      await c.start();
      await b.stop();
      await until(() => c.isLeader(), 2000);
      expect(c.epoch).toBe(b.epoch + 1);
      await a.stop();
      await c.stop();
    });

    it('resynchronises after its LISTEN connection is cut, and hears events again', async () => {
      const a = await instance('a2');
      const b = await instance('b2');
      let resyncs = 0;
      b.onResync(() => (resyncs += 1));
      const heardOnB = recorder(b);
      // Cut every LISTEN connection but ours (the pool): B's among them.
      await pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'`,
      );
      await until(() => resyncs > 0, 5000);
      a.publish({ kind: 'session', sessionId: 's-after' });
      await until(
        () => heardOnB.some((h) => h.event.kind === 'session' && h.event.sessionId === 's-after'),
        3000,
      );
    });
  },
);
