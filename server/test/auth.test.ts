import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function login(email: string, password: string, extraHeaders: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: TEST_ORIGIN, ...extraHeaders },
    payload: { email, password },
  });
}

describe('login', () => {
  it('signs in a demo user with an HttpOnly, SameSite session cookie', async () => {
    const response = await login('coordinator@demo.test', 'demo-password-2026');
    expect(response.statusCode).toBe(200);
    expect(response.json().user.roles).toEqual(['coordinator']);
    const cookie = response.cookies.find((c) => c.name === 'sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('gives the same generic error for a wrong password and an unknown account', async () => {
    const wrong = await login('proctor@demo.test', 'not-the-password');
    const unknown = await login('nobody@demo.test', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses malformed input with a clear validation error', async () => {
    const response = await login('not-an-email', '');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('rate-limits failed attempts per account, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i += 1) await login('grader2@demo.test', 'wrong-password');
    const blocked = await login('grader2@demo.test', 'demo-password-2026');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
  });

  it('refuses a login posted from another origin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'admin@demo.test', password: 'demo-password-2026' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('BAD_ORIGIN');
  });
});

describe('sessions', () => {
  it('revokes the session at logout', async () => {
    const cookie = await loginAs(t.app, 'candidate@demo.test');
    const before = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(before.statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: TEST_ORIGIN },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('rotates the session at login so a planted cookie is worthless (no fixation)', async () => {
    const planted = await loginAs(t.app, 'mentor.policy@demo.test');
    const response = await login('mentor.policy@demo.test', 'demo-password-2026', {
      cookie: planted,
    });
    const fresh = response.cookies.find((c) => c.name === 'sid');
    expect(`sid=${fresh?.value}`).not.toBe(planted);
    const old = await t.app.inject({ url: '/api/auth/session', headers: { cookie: planted } });
    expect(old.statusCode).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const cookie = await loginAs(t.app, 'mentor.research@demo.test');
    t.clock.advance(13 * 3_600_000);
    const response = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(response.statusCode).toBe(401);
    t.clock.advance(-13 * 3_600_000);
  });

  it('tells which of many session tokens are live, in one call', async () => {
    const live = (await loginAs(t.app, 'admin@demo.test')).slice('sid='.length);
    const revoked = (await loginAs(t.app, 'grader1@demo.test')).slice('sid='.length);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `sid=${revoked}`, origin: TEST_ORIGIN },
    });
    const { createAuthModule } = await import('../src/modules/auth/index.js');
    const { createInProcessBus } = await import('../src/events/event-bus.js');
    const { createAuditService } = await import('../src/modules/audit/index.js');
    const { auth } = createAuthModule({
      db: t.database.db,
      clock: t.clock,
      audit: createAuditService({ clock: t.clock }),
      sessionTtlHours: 12,
      publicOrigin: TEST_ORIGIN,
      secureCookies: false,
      embedded: true,
      events: createInProcessBus(),
      twoFactorEnforced: false,
      outbox: t.app.mail.outbox,
      invitationTtlHours: 168,
      totpKey: Buffer.alloc(32, 7),
    });
    expect(await auth.liveTokens([live, revoked, 'forged'])).toEqual(new Set([live]));
  });

  it('answers each of many requests asking at once with its own session (one read for all)', async () => {
    const emails = ['proctor@demo.test', 'coordinator@demo.test', 'candidate@demo.test'];
    const cookies = await Promise.all(emails.map((email) => loginAs(t.app, email)));
    const ended = await loginAs(t.app, 'grader1@demo.test');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: ended, origin: TEST_ORIGIN },
    });
    const asked = [...cookies, ended, 'sid=forged', 'sid=a"b\\c,{d}', cookies[0] as string];
    const answers = await Promise.all(
      asked.map((cookie) => t.app.inject({ url: '/api/auth/session', headers: { cookie } })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 401, 401, 401, 200]);
    const emailsSeen = answers.filter((a) => a.statusCode === 200).map((a) => a.json().user.email);
    expect(emailsSeen).toEqual([...emails, emails[0]]);
  });

  it('ignores a forged cookie', async () => {
    const response = await t.app.inject({
      url: '/api/auth/session',
      headers: { cookie: 'sid=forged' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers the page-load probe with 204 for nobody and the session for someone', async () => {
    for (const cookie of [undefined, 'sid=forged']) {
      const nobody = await t.app.inject({
        url: '/api/auth/session/current',
        headers: cookie ? { cookie } : {},
      });
      expect(nobody.statusCode).toBe(204);
      expect(nobody.body).toBe('');
    }
    const cookie = await loginAs(t.app, 'candidate@demo.test');
    const probe = await t.app.inject({ url: '/api/auth/session/current', headers: { cookie } });
    const session = await t.app.inject({ url: '/api/auth/session', headers: { cookie } });
    expect(probe.statusCode).toBe(200);
    expect(probe.json()).toEqual(session.json());
    expect(probe.json().user.email).toBe('candidate@demo.test');
  });
});

describe('security headers', () => {
  it('sends CSP without inline script, frame-ancestors none and nosniff', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
