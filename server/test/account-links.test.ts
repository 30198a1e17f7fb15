import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/audit.js';
import { mailMessages } from '../src/db/schema/mail.js';
import { RESET_REQUESTS_PER_MINUTE } from '../src/modules/auth/account-links.routes.js';
import { RESET_LINKS_PER_WINDOW } from '../src/modules/auth/password-reset.service.js';
import { createTestApp, loginAs, postFrom, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

const STRONG = 'harbour-violet-compass-38';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, cookie?: string) =>
  postFrom(t.app)(url, cookie, payload);

/** The token of the newest mail of this kind to this address, read from the queue. */
async function tokenMailed(to: string, kind: string, except: string[] = []): Promise<string> {
  const rows = await t.database.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, to))
    .orderBy(desc(mailMessages.createdAt));
  const tokens = rows
    .filter((r) => r.kind === kind && r.link)
    .map((r) => new URL(r.link as string).searchParams.get('token') as string)
    .filter((token) => !except.includes(token));
  if (!tokens[0]) throw new Error(`no ${kind} mail to ${to}`);
  return tokens[0];
}

async function audited(action: string, subjectId: string): Promise<boolean> {
  const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, action));
  return rows.some((r) => r.subjectId === subjectId);
}

describe('invitations', () => {
  it('invites, refuses a weak password with reasons, accepts once and signs in', async () => {
    const coordinator = await loginAs(t.app, 'coordinator@demo.test');
    const created = await post(
      '/api/users',
      { email: 'new.proctor@demo.test', displayName: 'Noor Proctor', roles: ['proctor'] },
      coordinator,
    );
    expect(created.statusCode).toBe(201);
    const userId = created.json().user.id as string;
    // No usable password until acceptance.
    const early = await post('/api/auth/login', { email: 'new.proctor@demo.test', password: '' });
    expect(early.statusCode).toBe(400);
    const token = await tokenMailed('new.proctor@demo.test', 'invitation');

    const pending = await t.app.inject({
      url: '/api/invitations',
      headers: { cookie: coordinator },
    });
    expect(pending.json().invitations.map((i: { email: string }) => i.email)).toContain(
      'new.proctor@demo.test',
    );
    const info = await post('/api/auth/invitation', { token });
    expect(info.json()).toMatchObject({
      email: 'new.proctor@demo.test',
      displayName: 'Noor Proctor',
    });

    const weak = await post('/api/auth/invitation/accept', {
      token,
      password: 'noor-proctor-2026',
      timeZone: 'America/Detroit',
    });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    expect(weak.json().error.details.reasons.length).toBeGreaterThan(0);

    const accepted = await post('/api/auth/invitation/accept', {
      token,
      password: STRONG,
      timeZone: 'America/Detroit',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user.email).toBe('new.proctor@demo.test');
    expect(accepted.cookies.find((c) => c.name === 'sid')).toBeDefined();
    expect(await audited('account.invitation_accepted', userId)).toBe(true);

    const reused = await post('/api/auth/invitation/accept', {
      token,
      password: STRONG,
      timeZone: 'UTC',
    });
    expect(reused.json().error.code).toBe('TOKEN_USED');
    await expect(loginAs(t.app, 'new.proctor@demo.test', STRONG)).resolves.toMatch(/^sid=/);
  });

  it('expires after the configured time; a resend kills the old link; a revoke kills it all', async () => {
    let admin = await loginAs(t.app, 'admin@demo.test');
    const created = await post(
      '/api/users',
      { email: 'late.grader@demo.test', displayName: 'Lee Grader', roles: ['grader'] },
      admin,
    );
    const userId = created.json().user.id as string;
    const first = await tokenMailed('late.grader@demo.test', 'invitation');
    t.clock.advance(8 * 24 * 3_600_000);
    const expired = await post('/api/auth/invitation', { token: first });
    expect(expired.json().error.code).toBe('TOKEN_EXPIRED');
    admin = await loginAs(t.app, 'admin@demo.test');

    const list = await t.app.inject({ url: '/api/invitations', headers: { cookie: admin } });
    expect(list.statusCode, list.body).toBe(200);
    const open = list.json().invitations.find((i: { userId: string }) => i.userId === userId);
    expect(open.expired).toBe(true);
    expect((await post(`/api/invitations/${open.id}/resend`, {}, admin)).statusCode).toBe(204);
    const second = await tokenMailed('late.grader@demo.test', 'invitation', [first]);
    expect(second).not.toBe(first);
    expect((await post('/api/auth/invitation', { token: first })).json().error.code).toBe(
      'TOKEN_INVALID',
    );
    expect((await post('/api/auth/invitation', { token: second })).statusCode).toBe(200);
    expect(await audited('account.invitation_resent', userId)).toBe(true);

    const again = await t.app.inject({ url: '/api/invitations', headers: { cookie: admin } });
    const current = again.json().invitations.find((i: { userId: string }) => i.userId === userId);
    expect((await post(`/api/invitations/${current.id}/revoke`, {}, admin)).statusCode).toBe(204);
    expect((await post('/api/auth/invitation', { token: second })).json().error.code).toBe(
      'TOKEN_INVALID',
    );
    expect(await audited('account.invitation_revoked', userId)).toBe(true);
    t.clock.advance(-8 * 24 * 3_600_000);
  });
});

describe('password reset', () => {
  it('answers the same whether or not the address has an account', async () => {
    const known = await post('/api/auth/forgot-password', { email: 'grader1@demo.test' });
    const unknown = await post('/api/auth/forgot-password', { email: 'nobody@demo.test' });
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body).toBe(unknown.body);
    const rows = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.toAddress, 'nobody@demo.test'));
    expect(rows).toHaveLength(0);
  });

  it('resets once within 30 minutes and ends every session', async () => {
    const session = await loginAs(t.app, 'grader2@demo.test');
    await post('/api/auth/forgot-password', { email: 'grader2@demo.test' });
    const token = await tokenMailed('grader2@demo.test', 'password-reset');
    const done = await post('/api/auth/reset-password', { token, password: STRONG });
    expect(done.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/auth/session', headers: { cookie: session } });
    expect(after.statusCode).toBe(401);
    const reused = await post('/api/auth/reset-password', { token, password: STRONG });
    expect(reused.json().error.code).toBe('TOKEN_USED');
    await expect(loginAs(t.app, 'grader2@demo.test', STRONG)).resolves.toMatch(/^sid=/);
    const changed = await tokenMailed('grader2@demo.test', 'password-changed').catch(() => null);
    expect(changed).toBeNull(); // the notice carries no link
    const notices = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.kind, 'password-changed'));
    expect(notices.some((m) => m.toAddress === 'grader2@demo.test')).toBe(true);

    await post('/api/auth/forgot-password', { email: 'grader2@demo.test' });
    const late = await tokenMailed('grader2@demo.test', 'password-reset', [token]);
    t.clock.advance(31 * 60_000);
    const expired = await post('/api/auth/reset-password', { token: late, password: STRONG });
    expect(expired.json().error.code).toBe('TOKEN_EXPIRED');
  });
});

describe('reset requests in bulk', () => {
  const ask = (email: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      headers: { origin: TEST_ORIGIN },
      remoteAddress,
      payload: { email },
    });

  it('mails one account at most five links in half an hour, however many addresses ask, and answers alike', async () => {
    const email = 'grader3@demo.test';
    const answers = [];
    for (let i = 0; i < RESET_LINKS_PER_WINDOW + 5; i += 1) {
      answers.push(await ask(email, `198.51.100.${i + 1}`));
    }
    expect(new Set(answers.map((a) => `${a.statusCode} ${a.body}`))).toEqual(
      new Set(['202 {"ok":true}']),
    );
    const mailed = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.toAddress, email));
    expect(mailed.filter((m) => m.kind === 'password-reset')).toHaveLength(RESET_LINKS_PER_WINDOW);
    // The last link mailed still works: the refused requests retired nothing.
    const statuses = [];
    for (const mail of mailed.filter((m) => m.kind === 'password-reset')) {
      const token = new URL(mail.link as string).searchParams.get('token');
      statuses.push(
        (await post('/api/auth/reset-password', { token, password: STRONG })).statusCode,
      );
    }
    expect(statuses.sort()).toEqual([204, ...Array(RESET_LINKS_PER_WINDOW - 1).fill(410)]);
    // Half an hour on, the owner may ask again.
    t.clock.advance(31 * 60_000);
    await ask(email, '198.51.100.99');
    const later = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.toAddress, email));
    expect(later.filter((m) => m.kind === 'password-reset')).toHaveLength(
      RESET_LINKS_PER_WINDOW + 1,
    );
  });

  it('refuses an address past thirty requests a minute, with a clear code', async () => {
    const answers = [];
    const limit = RESET_REQUESTS_PER_MINUTE;
    for (let i = 0; i < limit + 2; i += 1) {
      answers.push(await ask(`nobody${i}@demo.test`, '203.0.113.7'));
    }
    expect(answers.slice(0, limit).every((a) => a.statusCode === 202)).toBe(true);
    expect(answers[limit]!.statusCode).toBe(429);
    expect(answers[limit]!.json().error.code).toBe('RATE_LIMITED');
    // Another address is not held up by it.
    expect((await ask('nobody@demo.test', '203.0.113.8')).statusCode).toBe(202);
  });
});

describe('unlock link', () => {
  it('is mailed when failures lock an account and unlocks it', async () => {
    const email = 'mentor.policy@demo.test';
    for (let i = 0; i < 10; i += 1) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: TEST_ORIGIN },
        remoteAddress: `192.0.2.${i + 10}`,
        payload: { email, password: `guess-${i}` },
      });
    }
    await expect(loginAs(t.app, email)).rejects.toThrow(/423/);
    const token = await tokenMailed(email, 'account-locked');
    expect((await post('/api/auth/unlock', { token })).statusCode).toBe(204);
    await expect(loginAs(t.app, email)).resolves.toMatch(/^sid=/);
    expect((await post('/api/auth/unlock', { token })).json().error.code).toBe('TOKEN_USED');
  });
});

describe('the password check the new-password fields ask while typing', () => {
  it("gives the server policy's verdict and reasons, built on the person's own name and address", async () => {
    const strong = await post('/api/auth/password-check', { password: STRONG });
    expect(strong.statusCode).toBe(200);
    expect(strong.json()).toEqual({ ok: true, reasons: [] });

    const own = await post('/api/auth/password-check', {
      password: 'margaretwhitfield2026',
      email: 'margaret.whitfield@example.org',
      displayName: 'Margaret Whitfield',
    });
    expect(own.json().ok).toBe(false);
    expect(own.json().reasons.length).toBeGreaterThan(0);

    const common = await post('/api/auth/password-check', { password: 'password1234' });
    expect(common.json().ok).toBe(false);

    const malformed = await post('/api/auth/password-check', { password: 'x'.repeat(2000) });
    expect(malformed.statusCode).toBe(400);
  });
});
