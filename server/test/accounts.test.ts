import { generate } from 'otplib';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.js';
import { createTestApp, loginAs, postFrom, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

const PASSWORD = 'demo-password-2026';
const STRONG = 'lantern-quartz-meadow-71';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { TWO_FACTOR_ENFORCED: 'true' } });
});
afterAll(() => t.close());

const post = (url: string, cookie: string | undefined, payload: unknown = {}) =>
  postFrom(t.app)(url, cookie, payload);
const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
const cookieOf = (response: { cookies: { name: string; value: string }[] }) =>
  `sid=${response.cookies.find((c) => c.name === 'sid')?.value}`;
const codeNow = (secret: string) =>
  generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

async function lastAudit(action: string) {
  const rows = await t.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return rows[0];
}

/** Turns on two-factor for a signed-in user; returns the secret and the recovery codes. */
async function enrol(cookie: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await post('/api/account/two-factor/enrolment', cookie);
  expect(start.statusCode).toBe(200);
  const { secret, qrSvg } = start.json();
  expect(qrSvg).toContain('<svg');
  const confirm = await post('/api/account/two-factor/confirm', cookie, {
    code: await codeNow(secret),
  });
  expect(confirm.statusCode).toBe(200);
  return { secret, recoveryCodes: confirm.json().recoveryCodes };
}

describe('password change', () => {
  it('needs the current password, applies the policy with reasons, and ends the other sessions', async () => {
    const other = await loginAs(t.app, 'grader3@demo.test');
    const mine = await loginAs(t.app, 'grader3@demo.test');

    const wrong = await post('/api/account/password', mine, {
      currentPassword: 'not-it',
      newPassword: STRONG,
    });
    expect(wrong.json().error.code).toBe('CURRENT_PASSWORD_WRONG');

    const weak = await post('/api/account/password', mine, {
      currentPassword: PASSWORD,
      newPassword: 'avery-adjudicator',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    expect(weak.json().error.details.reasons.length).toBeGreaterThan(0);

    const done = await post('/api/account/password', mine, {
      currentPassword: PASSWORD,
      newPassword: STRONG,
    });
    expect(done.statusCode).toBe(204);
    expect((await get('/api/auth/session', mine)).statusCode).toBe(200);
    expect((await get('/api/auth/session', other)).statusCode).toBe(401);
    expect(await lastAudit('account.password_changed')).toMatchObject({
      details: { sessionsEnded: 1 },
    });
    await expect(loginAs(t.app, 'grader3@demo.test', STRONG)).resolves.toMatch(/^sid=/);
  });
});

describe('sessions', () => {
  it('lists the live sessions with device and address, marks the current one, and revokes one', async () => {
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        origin: TEST_ORIGIN,
        'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/133.0',
      },
      remoteAddress: '203.0.113.9',
      payload: { email: 'panelist1@demo.test', password: PASSWORD },
    });
    const laptop = await loginAs(t.app, 'panelist1@demo.test');
    const list = await get('/api/account/sessions', laptop);
    const sessions = list.json().sessions as {
      id: string;
      device: string;
      address: string;
      current: boolean;
    }[];
    expect(sessions).toHaveLength(2);
    const remote = sessions.find((s) => !s.current);
    expect(remote).toMatchObject({ device: 'Firefox on Windows', address: '203.0.113.9' });
    expect(sessions.filter((s) => s.current)).toHaveLength(1);

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/account/sessions/${remote?.id}`,
      headers: { cookie: laptop, origin: TEST_ORIGIN },
    });
    expect(revoke.statusCode).toBe(204);
    expect((await get('/api/auth/session', cookieOf(phone))).statusCode).toBe(401);
    expect(await lastAudit('account.session_revoked')).toBeDefined();
    // Someone else's session cannot be named.
    const stranger = await loginAs(t.app, 'grader1@demo.test');
    const theirs = (await get('/api/account/sessions', stranger)).json().sessions[0].id;
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/account/sessions/${theirs}`,
      headers: { cookie: laptop, origin: TEST_ORIGIN },
    });
    expect(refused.statusCode).toBe(404);
  });
});

describe('two-factor', () => {
  it('holds an administrator or coordinator to enrolment before anything else', async () => {
    const login = await post('/api/auth/login', undefined, {
      email: 'coordinator@demo.test',
      password: PASSWORD,
    });
    expect(login.json().twoFactorEnrolmentRequired).toBe(true);
    const cookie = cookieOf(login);
    const blocked = await get('/api/sittings', cookie);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    expect((await get('/api/auth/session', cookie)).statusCode).toBe(200);

    const { secret, recoveryCodes } = await enrol(cookie);
    expect(recoveryCodes).toHaveLength(10);
    expect((await get('/api/sittings', cookie)).statusCode).toBe(200);
    // The secret is never handed out again.
    expect((await get('/api/account/two-factor', cookie)).json()).toEqual({
      enabled: true,
      required: true,
      offered: true,
      recoveryCodesLeft: 10,
    });
    expect(JSON.stringify((await get('/api/users', cookie)).json())).not.toContain(secret);

    // Signing in now takes a second step; the password alone opens no session.
    t.clock.advance(60_000);
    const first = await post('/api/auth/login', undefined, {
      email: 'coordinator@demo.test',
      password: PASSWORD,
    });
    expect(first.json().twoFactorRequired).toBe(true);
    expect(first.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    const pendingToken = first.json().pendingToken as string;
    const wrong = await post('/api/auth/login/two-factor', undefined, {
      pendingToken,
      code: '000000',
    });
    expect(wrong.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');
    const code = await codeNow(secret);
    const right = await post('/api/auth/login/two-factor', undefined, { pendingToken, code });
    expect(right.statusCode).toBe(200);
    expect(right.json().twoFactorEnrolmentRequired).toBe(false);
    expect((await get('/api/sittings', cookieOf(right))).statusCode).toBe(200);
    // The pending sign-in and the code are each good once.
    const again = await post('/api/auth/login/two-factor', undefined, { pendingToken, code });
    expect(again.json().error.code).toBe('TOKEN_USED');
    const second = await post('/api/auth/login', undefined, {
      email: 'coordinator@demo.test',
      password: PASSWORD,
    });
    const replay = await post('/api/auth/login/two-factor', undefined, {
      pendingToken: second.json().pendingToken,
      code,
    });
    expect(replay.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');

    // A lost device: a recovery code works once.
    const recovery = recoveryCodes[0] as string;
    const byRecovery = await post('/api/auth/login/two-factor', undefined, {
      pendingToken: second.json().pendingToken,
      recoveryCode: recovery.toUpperCase(),
    });
    expect(byRecovery.statusCode).toBe(200);
    expect(await lastAudit('account.recovery_code_used')).toMatchObject({ details: { left: 9 } });
    const third = await post('/api/auth/login', undefined, {
      email: 'coordinator@demo.test',
      password: PASSWORD,
    });
    const reused = await post('/api/auth/login/two-factor', undefined, {
      pendingToken: third.json().pendingToken,
      recoveryCode: recovery,
    });
    expect(reused.json().error.code).toBe('TWO_FACTOR_CODE_WRONG');

    // A pending sign-in expires.
    t.clock.advance(6 * 60_000);
    const late = await post('/api/auth/login/two-factor', undefined, {
      pendingToken: third.json().pendingToken,
      code: await codeNow(secret),
    });
    expect(late.json().error.code).toBe('TOKEN_EXPIRED');
  });

  it('lets an administrator reset a user’s second factor, audited', async () => {
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    expect((await get('/api/account/two-factor', proctor)).json()).toMatchObject({
      enabled: false,
      required: false,
    });
    await enrol(proctor);
    const admin = await post('/api/auth/login', undefined, {
      email: 'admin@demo.test',
      password: PASSWORD,
    });
    const adminCookie = cookieOf(admin);
    await enrol(adminCookie);
    const proctorId = (await get('/api/auth/session', proctor)).json().user.id as string;
    const coordinator = await loginAs(t.app, 'grader1@demo.test');
    const refused = await post(`/api/users/${proctorId}/two-factor/reset`, coordinator);
    expect(refused.statusCode).toBe(403);
    const reset = await post(`/api/users/${proctorId}/two-factor/reset`, adminCookie);
    expect(reset.statusCode).toBe(204);
    expect(await lastAudit('account.two_factor_reset')).toMatchObject({
      subjectId: proctorId,
      details: { wasEnabled: true },
    });
    const plain = await post('/api/auth/login', undefined, {
      email: 'proctor@demo.test',
      password: PASSWORD,
    });
    expect(plain.json().user.email).toBe('proctor@demo.test');
  });

  it('is never offered to a candidate', async () => {
    const candidate = await loginAs(t.app, 'candidate@demo.test');
    const start = await post('/api/account/two-factor/enrolment', candidate);
    expect(start.statusCode).toBe(403);
    // Nor shown as something to set up, only to be refused.
    expect((await get('/api/account/two-factor', candidate)).json()).toMatchObject({
      enabled: false,
      offered: false,
    });
  });

  it('is offered to every staff role, a chief grader included', async () => {
    const chief = await loginAs(t.app, 'chief.grader@demo.test');
    expect((await get('/api/account/two-factor', chief)).json()).toMatchObject({ offered: true });
    expect((await post('/api/account/two-factor/enrolment', chief)).statusCode).toBe(200);
  });
});
