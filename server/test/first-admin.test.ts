import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { queryRows } from '../src/db/client.js';
import { describeFirstStart, prepareFirstStart } from '../src/first-start.js';
import { createAuditService } from '../src/modules/audit/index.js';
import type { AppError } from '../src/lib/app-error.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

/**
 * A production deployment starts empty: no demo (its passwords are in the README), and the
 * first administrator comes from `npm run admin:create` or a one-time setup link.
 */
const STRONG = 'kettle-lantern-orbit-47';
// Production also requires the audit signing key (see audit.signing-key.ts).
const production = {
  NODE_ENV: 'production',
  SEED_DEMO: '',
  AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
};

describe('production configuration', () => {
  it('refuses SEED_DEMO=true with NODE_ENV=production, naming the variable', () => {
    for (const value of ['true', '1']) {
      const attempt = () => loadConfig({ NODE_ENV: 'production', SEED_DEMO: value });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/SEED_DEMO/);
    }
  });

  it('seeds the demo by default in development and test, never in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).SEED_DEMO).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    expect(loadConfig({}).SEED_DEMO).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).SEED_DEMO).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false, env: production });
});
afterAll(() => t.close());

async function count(table: 'users' | 'setup_tokens' | 'bank_items'): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
  );
  return Number(rows[0]?.n);
}

function tokenOf(url: string): string {
  return new URL(url).hash.replace('#token=', '');
}

function post(url: string, payload: object) {
  return t.app.inject({ method: 'POST', url, headers: { origin: TEST_ORIGIN }, payload });
}

function setUp(token: string, account: Partial<Record<string, string>> = {}) {
  return post('/api/setup/administrator', {
    token,
    email: 'head@centre.example',
    displayName: 'Grace Head',
    password: STRONG,
    ...account,
  });
}

describe('a production start on an empty database', () => {
  let setupUrl: string;

  it('seeds nothing, creates no account, and prints a setup link instead of demo logins', async () => {
    const firstStart = await prepareFirstStart(t.app, t.database, t.config);
    expect(firstStart.demoLogins).toBeUndefined();
    expect(await count('users')).toBe(0);
    expect(await count('bank_items')).toBe(0);
    const printed = describeFirstStart(firstStart).join('\n');
    expect(printed).not.toMatch(/demo/i);
    expect(printed).toContain('npm run admin:create');
    setupUrl = firstStart.setupLink!.url;
    expect(setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/setup#token=[\w-]{43}$/);
    // Only the hash is stored.
    const stored = await queryRows<{ token_hash: string }>(
      t.database.db,
      sql`SELECT token_hash FROM setup_tokens`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(tokenOf(setupUrl));
  });

  it('a newer link voids the older one', async () => {
    const older = tokenOf(setupUrl);
    const newer = (await prepareFirstStart(t.app, t.database, t.config)).setupLink!.url;
    expect((await post('/api/setup/check', { token: older })).statusCode).toBe(410);
    expect((await post('/api/setup/check', { token: tokenOf(newer) })).statusCode).toBe(200);
    setupUrl = newer;
  });

  it('refuses a weak password or a malformed request and leaves the link working', async () => {
    const token = tokenOf(setupUrl);
    for (const password of ['short-1', 'password-for-the-centre', 'grace-head-2026-exams']) {
      const weak = await setUp(token, { password });
      expect(weak.statusCode, password).toBe(400);
      expect(weak.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await setUp('not-a-token')).statusCode).toBe(400);
    expect((await setUp('A'.repeat(43))).json().error.code).toBe('SETUP_LINK_INVALID');
    expect(await count('users')).toBe(0);
    expect((await post('/api/setup/check', { token })).statusCode).toBe(200);
  });

  it('creates the administrator once; the link is refused after, and no new one opens', async () => {
    const token = tokenOf(setupUrl);
    const [first, second] = await Promise.all([
      setUp(token),
      setUp(token, { email: 'other@centre.example' }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([201, 410]);
    const created = [first, second].find((r) => r.statusCode === 201)!.json().user;
    expect(created.roles).toEqual(['admin']);
    expect(await count('users')).toBe(1);

    const again = await setUp(token, { email: 'third@centre.example' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('SETUP_LINK_INVALID');
    expect((await post('/api/setup/check', { token })).statusCode).toBe(410);
    expect((await prepareFirstStart(t.app, t.database, t.config)).setupLink).toBeUndefined();

    // The administrator signs in, and must enrol a second factor before anything else.
    const cookie = await loginAs(t.app, created.email, STRONG);
    const session = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().twoFactorEnrolmentRequired).toBe(true);
    const users = await t.app.inject({ url: '/api/users', headers: { cookie } });
    expect(users.statusCode).toBe(403);
    expect(users.json().error.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');

    const audited = await queryRows<{ action: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`SELECT action, details FROM audit_log WHERE action IN ('user.create', 'setup.link_issued') ORDER BY id`,
    );
    expect(audited.map((row) => row.action)).toEqual([
      'setup.link_issued',
      'setup.link_issued',
      'user.create',
    ]);
    expect(audited[2]!.details).toMatchObject({ roles: ['admin'], via: 'setup-link' });
  });
});

describe('admin:create', () => {
  it('creates an administrator, audited, and refuses a taken email or a weak password', async () => {
    const admin = await t.app.setup.createAdministrator({
      email: ' Second@Centre.example ',
      displayName: 'Ida Second',
      password: STRONG,
    });
    expect(admin).toMatchObject({ email: 'second@centre.example', roles: ['admin'] });
    await loginAs(t.app, 'second@centre.example', STRONG);

    const refusal = (input: object) =>
      t.app.setup.createAdministrator(input).then(
        () => undefined,
        (error: unknown) => error as AppError,
      );
    const duplicate = await refusal({
      email: 'second@centre.example',
      displayName: 'Someone Else',
      password: 'another-strong-phrase-91',
    });
    expect(duplicate?.code).toBe('ALREADY_EXISTS');
    const weak = await refusal({
      email: 'w@centre.example',
      displayName: 'W',
      password: 'qwerty123456',
    });
    expect(weak?.code).toBe('VALIDATION_FAILED');
    expect(weak?.message).toMatch(/qwerty/);

    const audited = await queryRows<{ details: Record<string, unknown> }>(
      t.database.db,
      sql`SELECT details FROM audit_log WHERE action = 'user.create' AND subject_id = ${admin.id}`,
    );
    expect(audited).toEqual([{ details: { roles: ['admin'], via: 'command' } }]);
    const chain = await createAuditService({ clock: t.clock }).verify(t.database.db);
    expect(chain.ok).toBe(true);
  });
});

describe('setup link expiry', () => {
  it('works for 24 hours only', async () => {
    const fresh = await createTestApp({ seed: false, env: production });
    try {
      const link = (await prepareFirstStart(fresh.app, fresh.database, fresh.config)).setupLink!;
      fresh.clock.advance(24 * 3_600_000 + 1);
      const late = await fresh.app.inject({
        method: 'POST',
        url: '/api/setup/administrator',
        headers: { origin: TEST_ORIGIN },
        payload: {
          token: tokenOf(link.url),
          email: 'late@centre.example',
          displayName: 'Late Comer',
          password: STRONG,
        },
      });
      expect(late.statusCode).toBe(410);
      expect(late.json().error.message).toMatch(/expired/);
    } finally {
      await fresh.close();
    }
  });
});
