import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { ManualClock } from '../../src/lib/clock.js';
import { generateSigningKey } from '../../src/lib/ed25519.js';
import { seedDemo } from '../../src/seed/seed.js';
import { DEMO_PASSWORD } from '../../src/seed/demo-people.js';
import { createTestDatabase } from './test-database.js';
import type { FormItemSource } from '../../src/modules/delivery/index.js';

export const TEST_ORIGIN = 'http://127.0.0.1:3000';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  config: AppConfig;
  close(): Promise<void>;
}

/** A test app's configuration: quiet, no client, every background timer off unless `env` says. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_ORIGIN: TEST_ORIGIN,
    CLIENT_DIST: 'client/dist-none',
    SWEEPER_INTERVAL_MS: '0',
    // Tests move the manual clock and run the sitting clock by hand (app.sittingClock.runDue()).
    SITTING_CLOCK_INTERVAL_MS: '0',
    // The mail worker is ticked by hand (app.mail.worker.tick()), or woken by an enqueue.
    MAIL_POLL_MS: '0',
    ...env,
  });
}

/** Builds the real app on a fresh database seeded with the demo, with a clock tests control. */
export async function createTestApp(
  options: {
    seed?: boolean;
    /** Seed the demo's bookable sitting and applicant too, as start-up does. */
    bookable?: boolean;
    env?: Record<string, string>;
    forms?: FormItemSource;
    logStream?: NodeJS.WritableStream;
    listen?: boolean;
  } = {},
): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  // Tests with their own form build their own sitting; the demo one would compete with it.
  if (options.seed !== false)
    await seedDemo(database.db, { sitting: !options.forms, bookable: options.bookable });
  const config = testConfig(options.env);
  const clock = new ManualClock(Date.now());
  const app = await buildApp({
    config,
    database,
    clock,
    // Production refuses to sign the audit chain with a key of its own making; tests hand it one.
    ...(config.NODE_ENV === 'production'
      ? { auditKey: generateSigningKey(), totpKey: randomBytes(32) }
      : {}),
    ...(options.forms ? { forms: options.forms } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  if (options.listen) await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();
  return {
    app,
    database,
    clock,
    config,
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** Signs in through the real route and returns the Cookie header value. */
export async function loginAs(
  app: FastifyInstance,
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: TEST_ORIGIN },
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login as ${email} failed: ${response.statusCode} ${response.body}`);
  }
  const cookie = response.cookies.find((c) => c.name === 'sid');
  if (!cookie) throw new Error('login set no session cookie');
  return `sid=${cookie.value}`;
}

/**
 * A same-origin POST as a browser sends it: with this site's Origin (state-changing requests
 * need it) and the session's cookie when there is one.
 */
export function postFrom(app: FastifyInstance) {
  return (url: string, cookie: string | undefined, payload: unknown = {}) =>
    app.inject({
      method: 'POST',
      url,
      headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
      payload: payload as Record<string, unknown>,
    });
}
