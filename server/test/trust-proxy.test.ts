import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig, type AppConfig } from '../src/config.js';
import { queryRows } from '../src/db/client.js';
import { users } from '../src/db/schema/index.js';
import { systemClock } from '../src/lib/clock.js';
import { hashPassword } from '../src/modules/auth/index.js';
import { TEST_ORIGIN, testConfig } from './helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

/**
 * Behind a reverse proxy every request comes from the proxy's address. TRUST_PROXY says whose
 * X-Forwarded-For to believe, so the login limits and the audit see the real client; without it
 * a forged header changes nothing.
 */
const PASSWORD = 'a-long-enough-password';
let shared: TestDatabase;
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  shared = await createTestDatabase();
  await shared.database.db.insert(users).values({
    email: 'someone@example.test',
    displayName: 'Someone',
    passwordHash: await hashPassword(PASSWORD),
    roles: [],
  });
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await shared.drop();
});

/** One app per setting, all on one database (the login limits are kept in it, per account and address). */
async function appWith(trustProxy: string | undefined): Promise<TestApp> {
  const config = testConfig({
    GRADING_SWEEP_INTERVAL_MS: '0',
    ...(trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy }),
  });
  const app = await buildApp({ config, database: shared.database, clock: systemClock });
  apps.push(app);
  await app.ready();
  return { app, config };
}

interface TestApp {
  app: FastifyInstance;
  config: AppConfig;
}

function login(t: TestApp, forwardedFor: string, email: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    // inject's socket peer is 127.0.0.1: the proxy, in these tests.
    remoteAddress: '127.0.0.1',
    headers: { origin: TEST_ORIGIN, 'x-forwarded-for': forwardedFor },
    payload: { email, password },
  });
}

/** The address of the latest sign-in on the shared database (the tests run one after another). */
async function lastLoginAddress(): Promise<unknown> {
  const rows = await queryRows<{ details: { address?: string } }>(
    shared.database.db,
    sql`SELECT details FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`,
  );
  return rows[0]?.details.address;
}

/**
 * Five wrong passwords for one account from one address: that pair is then made to wait
 * (auth/login-throttle.ts), while the same account from another address is not.
 */
async function failFiveTimes(t: TestApp, forwardedFor: string, email: string): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    const response = await login(t, forwardedFor, email, 'wrong-password');
    expect(response.statusCode).toBe(401);
  }
}

describe('TRUST_PROXY', () => {
  it('off by default: a forged X-Forwarded-For is ignored by the audit and the login limits', async () => {
    const t = await appWith(undefined);
    expect(t.config.TRUST_PROXY).toBe(false);
    expect((await login(t, '203.0.113.7', 'someone@example.test', PASSWORD)).statusCode).toBe(200);
    expect(await lastLoginAddress()).toBe('127.0.0.1');

    // An account of its own, so the socket's address stays free for someone@ in the later tests.
    await failFiveTimes(t, '203.0.113.9', 'guessed@example.test');
    // Another forged address does not escape the limit: the address is still the socket's.
    const blocked = await login(t, '198.51.100.1', 'guessed@example.test', PASSWORD);
    expect(blocked.statusCode).toBe(429);
  });

  it('with the proxy address trusted, each client is itself: one client locked out, another not', async () => {
    const t = await appWith('127.0.0.1, 10.0.0.0/8');
    expect((await login(t, '203.0.113.7', 'someone@example.test', PASSWORD)).statusCode).toBe(200);
    expect(await lastLoginAddress()).toBe('203.0.113.7');

    await failFiveTimes(t, '203.0.113.9', 'someone@example.test');
    expect((await login(t, '203.0.113.9', 'someone@example.test', PASSWORD)).statusCode).toBe(429);
    expect((await login(t, '203.0.113.7', 'someone@example.test', PASSWORD)).statusCode).toBe(200);
  });

  it('a hop count trusts only that many proxies; true trusts them all; an untrusted peer is ignored', async () => {
    const chain = '198.51.100.4, 203.0.113.7';
    const oneHop = await appWith('1');
    await login(oneHop, chain, 'someone@example.test', PASSWORD);
    // The proxy next to us vouches for 203.0.113.7; what that client claimed before it is not believed.
    expect(await lastLoginAddress()).toBe('203.0.113.7');

    const all = await appWith('true');
    await login(all, chain, 'someone@example.test', PASSWORD);
    expect(await lastLoginAddress()).toBe('198.51.100.4');

    const elsewhere = await appWith('10.0.0.0/8');
    await login(elsewhere, chain, 'someone@example.test', PASSWORD);
    expect(await lastLoginAddress()).toBe('127.0.0.1');
  });

  it('parses its forms and names the variable when a value is not understood', () => {
    const env = { NODE_ENV: 'test' };
    expect(loadConfig({ ...env, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...env, TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...env, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ ...env, TRUST_PROXY: '2' }).TRUST_PROXY).toBeTypeOf('function');
    expect(loadConfig({ ...env, TRUST_PROXY: '10.0.0.1, fd00::/8,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['yes', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '1.2.3.4,', '-1']) {
      expect(() => loadConfig({ ...env, TRUST_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ ...env, TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
