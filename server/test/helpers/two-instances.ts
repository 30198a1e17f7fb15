import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { BusListeners, type EventBus } from '../../src/events/event-bus.js';
import {
  BACKGROUND,
  createSoleLeadership,
  LeadershipLost,
  type Leadership,
} from '../../src/events/leader.js';
import { ManualClock } from '../../src/lib/clock.js';
import { seedDemo } from '../../src/seed/seed.js';
import { testConfig } from './test-app.js';
import { createTestDatabase } from './test-database.js';

export interface TwoInstances {
  /** Started first: the leader. */
  a: FastifyInstance;
  /** A follower serving the same database, as a second process behind the balancer would. */
  b: FastifyInstance;
  /** A's handle on the database (B has a pool of its own on PostgreSQL). */
  database: Database;
  clock: ManualClock;
  /**
   * B's process restarts: B closes, and a new follower starts on the same database with
   * nothing in memory (`b` is the new one afterwards). Returns the new B.
   */
  restartB(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/**
 * Buses of instances in one process: each publish reaches the publisher's listeners at once, as
 * `local`, and every other bus's a moment later, as `remote`, the way the PostgreSQL bus does.
 */
function linkedBuses(names: readonly string[]): EventBus[] {
  const listeners = names.map(() => new BusListeners(() => undefined));
  return names.map((instanceId, index) => {
    let published = 0;
    return {
      instanceId,
      publish(event) {
        published += 1;
        listeners[index]!.deliver(event, 'local');
        setTimeout(() => {
          for (const [other, heard] of listeners.entries())
            if (other !== index) heard.deliver(event, 'remote');
        }, 0);
      },
      subscribe: (listener) => listeners[index]!.subscribe(listener),
      onResync: (listener) => listeners[index]!.onResync(listener),
      onDelivered: (listener) => listeners[index]!.onDelivered(listener),
      get publishedCount() {
        return published;
      },
      start: async () => undefined,
      stop: async () => undefined,
    } satisfies EventBus;
  });
}

/** An instance that never leads: its fenced writes are refused, as a follower's would be. */
function follower(): Leadership {
  return {
    isLeader: () => false,
    epoch: 0,
    fence: async () => {
      throw new LeadershipLost(BACKGROUND, 0);
    },
    onChange: () => () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
  };
}

/**
 * Two instances of the real app on one database seeded with the demo, with one clock tests
 * control. On PostgreSQL (TEST_DATABASE_URL) each has its own pool, LISTEN/NOTIFY bus and
 * advisory-lock leadership, exactly as two processes would; on the embedded database they share
 * its one handle, with buses linked in process and A leading.
 */
export async function createTwoInstances(
  options: { listen?: boolean; env?: Record<string, string> } = {},
): Promise<TwoInstances> {
  const { database, url, drop } = await createTestDatabase();
  await seedDemo(database.db, { sitting: true });
  const config = testConfig({ ...(url ? { DATABASE_URL: url } : {}), ...options.env });
  const clock = new ManualClock(Date.now());
  const second = url ? openDatabase({ url, poolSize: 5 }) : database;
  const [busA, busB] = linkedBuses(['instance-a', 'instance-b']);
  const build = (db: Database, bus: EventBus, leadership: Leadership) =>
    buildApp({
      config,
      database: db,
      clock,
      // On PostgreSQL the app makes its own bus and leadership from DATABASE_URL.
      ...(url ? {} : { events: bus, leadership }),
    });
  const start = async (app: FastifyInstance) => {
    if (options.listen) await app.listen({ port: 0, host: '127.0.0.1' });
    else await app.ready();
  };
  const a = await build(database, busA!, createSoleLeadership({ db: database.db, holder: 'a' }));
  const b = await build(second, busB!, follower());
  for (const app of [a, b]) await start(app);
  const instances: TwoInstances = {
    a,
    b,
    database,
    clock,
    async restartB() {
      await instances.b.close();
      instances.b = await build(second, busB!, follower());
      await start(instances.b);
      return instances.b;
    },
    async close() {
      await instances.b.close();
      await a.close();
      if (second !== database) await second.close();
      await drop();
    },
  };
  return instances;
}
