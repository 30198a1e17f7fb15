import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { users } from '../src/db/schema/auth.js';
import { createAuditService } from '../src/modules/audit/index.js';
import { createTotpSecretBox, resolveTotpKey } from '../src/modules/auth/totp-secret-box.js';
import { createLoginThrottle } from '../src/modules/auth/login-throttle.js';
import { createTwoFactorService } from '../src/modules/auth/two-factor.service.js';
import { createTestApp, loginAs, postFrom, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { TWO_FACTOR_ENFORCED: 'true' } });
});
afterAll(() => t.close());

const post = (url: string, cookie: string | undefined, payload: unknown = {}) =>
  postFrom(t.app)(url, cookie, payload);
const codeAt = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) + offsetSeconds });
const storedSecret = async (email: string) =>
  (await t.database.db.select().from(users).where(eq(users.email, email)))[0]!;

describe('the secret box', () => {
  const box = createTotpSecretBox(Buffer.alloc(32, 1));

  it('opens what it sealed, for the same user only, and refuses a tampered value', () => {
    const sealed = box.seal('user-a', 'JBSWY3DPEHPK3PXP');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('user-a', 'JBSWY3DPEHPK3PXP')).not.toBe(sealed); // a fresh IV each time
    expect(box.open('user-a', sealed)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', legacy: false });
    expect(() => box.open('user-b', sealed)).toThrow();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => box.open('user-a', flipped)).toThrow();
    expect(() => createTotpSecretBox(Buffer.alloc(32, 2)).open('user-a', sealed)).toThrow();
    // A secret from before encryption is read as it is, and flagged to be sealed.
    expect(box.open('user-a', 'JBSWY3DPEHPK3PXP')).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      legacy: true,
    });
  });
});

describe('the key', () => {
  it('is required in production on PostgreSQL, checked when given, and generated once into DATA_DIR otherwise', () => {
    const postgres = 'postgres://exams@db.invalid:5432/exams';
    expect(() =>
      resolveTotpKey(loadConfig({ NODE_ENV: 'production', DATABASE_URL: postgres })),
    ).toThrow(/TOTP_ENCRYPTION_KEY is required in production on PostgreSQL/);
    expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: 'too-short' })).toThrow(
      /TOTP_ENCRYPTION_KEY: must be 32 bytes/,
    );
    const given = Buffer.alloc(32, 9).toString('base64');
    expect(resolveTotpKey(loadConfig({ TOTP_ENCRYPTION_KEY: given })).key).toEqual(
      Buffer.alloc(32, 9),
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'totp-key-'));
    const first = resolveTotpKey(loadConfig({ DATA_DIR: dir }));
    expect(first.generated).toBe(path.join(dir, 'totp-encryption.key'));
    expect(statSync(first.generated!).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(first.generated!, 'utf8').trim(), 'base64')).toEqual(first.key);
    const again = resolveTotpKey(loadConfig({ DATA_DIR: dir }));
    expect(again.generated).toBeUndefined();
    expect(again.key).toEqual(first.key);
  });
});

describe('secrets at rest', () => {
  it('stores only the sealed secret, and signs in with codes from it', async () => {
    const cookie = await loginAs(t.app, 'coordinator@demo.test');
    const { secret } = (await post('/api/account/two-factor/enrolment', cookie)).json();
    const pending = await storedSecret('coordinator@demo.test');
    expect(pending.totpSecret?.startsWith('v1.')).toBe(true);
    expect(pending.totpSecret).not.toContain(secret);
    const confirmed = await post('/api/account/two-factor/confirm', cookie, {
      code: await codeAt(secret),
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await storedSecret('coordinator@demo.test')).totpSecret).toBe(pending.totpSecret);

    t.clock.advance(60_000);
    const first = await post('/api/auth/login', undefined, {
      email: 'coordinator@demo.test',
      password: 'demo-password-2026',
    });
    const signedIn = await post('/api/auth/login/two-factor', undefined, {
      pendingToken: first.json().pendingToken,
      code: await codeAt(secret),
    });
    expect(signedIn.statusCode).toBe(200);
  });

  it('seals a secret stored in clear before encryption the first time it is read', async () => {
    const cookie = await loginAs(t.app, 'grader1@demo.test');
    const { secret } = (await post('/api/account/two-factor/enrolment', cookie)).json();
    await post('/api/account/two-factor/confirm', cookie, { code: await codeAt(secret) });
    // As an older version left it: the same secret, in clear.
    await t.database.db
      .update(users)
      .set({ totpSecret: secret })
      .where(eq(users.email, 'grader1@demo.test'));

    t.clock.advance(60_000);
    const first = await post('/api/auth/login', undefined, {
      email: 'grader1@demo.test',
      password: 'demo-password-2026',
    });
    const signedIn = await post('/api/auth/login/two-factor', undefined, {
      pendingToken: first.json().pendingToken,
      code: await codeAt(secret),
    });
    expect(signedIn.statusCode).toBe(200);
    const stored = (await storedSecret('grader1@demo.test')).totpSecret!;
    expect(stored.startsWith('v1.')).toBe(true);
    expect(stored).not.toContain(secret);

    // And the sealed value keeps working.
    t.clock.advance(60_000);
    const second = await post('/api/auth/login', undefined, {
      email: 'grader1@demo.test',
      password: 'demo-password-2026',
    });
    const again = await post('/api/auth/login/two-factor', undefined, {
      pendingToken: second.json().pendingToken,
      code: await codeAt(secret),
    });
    expect(again.statusCode).toBe(200);
  });

  it('seals every secret still in clear when the app starts', async () => {
    await t.database.db
      .update(users)
      .set({ totpSecret: 'JBSWY3DPEHPK3PXP' })
      .where(eq(users.email, 'proctor@demo.test'));
    const box = createTotpSecretBox(Buffer.alloc(32, 3));
    const twoFactor = createTwoFactorService({
      db: t.database.db,
      clock: t.clock,
      audit: createAuditService({ clock: t.clock }),
      enforced: false,
      secrets: box,
      throttle: createLoginThrottle({ db: t.database.db, clock: t.clock }),
    });
    expect(await twoFactor.sealClearSecrets()).toBe(1);
    const proctor = await storedSecret('proctor@demo.test');
    expect(box.open(proctor.id, proctor.totpSecret!)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      legacy: false,
    });
    expect(await twoFactor.sealClearSecrets()).toBe(0);
  });
});
