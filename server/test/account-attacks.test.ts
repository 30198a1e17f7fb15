import argon2 from 'argon2';
import { desc, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailMessages } from '../src/db/schema/mail.js';
import { throttleRules } from '../src/modules/auth/login-throttle.js';
import { createTestApp, loginAs, postFrom, type TestApp } from './helpers/test-app.js';

/**
 * Attacks on accounts from inside a signed-in session: what a stolen session (a cookie left on a
 * shared computer) can learn or change beyond what its holder could.
 */
const PASSWORD = 'demo-password-2026';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (url: string, cookie: string | undefined, payload: unknown = {}) =>
  postFrom(t.app)(url, cookie, payload);

/** The token of the newest mail of this kind to this address, read from the queue. */
async function tokenMailed(to: string, kind: string): Promise<string> {
  const rows = await t.database.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, to))
    .orderBy(desc(mailMessages.createdAt));
  const link = rows.find((r) => r.kind === kind && r.link)?.link;
  if (!link) throw new Error(`no ${kind} mail to ${to}`);
  return new URL(link).searchParams.get('token') as string;
}

/** Creates an account with no password yet (an invitation is mailed), as an administrator. */
async function invite(email: string): Promise<void> {
  const admin = await loginAs(t.app, 'admin@demo.test');
  const created = await post('/api/users', admin, {
    email,
    displayName: 'Ivy Invitee',
    roles: ['proctor'],
  });
  expect(created.statusCode).toBe(201);
}

async function enrol(cookie: string): Promise<void> {
  const { secret } = (await post('/api/account/two-factor/enrolment', cookie)).json();
  const code = await generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
  expect((await post('/api/account/two-factor/confirm', cookie, { code })).statusCode).toBe(200);
}

describe('a stolen session guessing the password', () => {
  it('is slowed down when it guesses through turning two-factor off, as through a password change', async () => {
    const stolen = await loginAs(t.app, 'grader2@demo.test');
    await enrol(stolen);
    for (let i = 0; i < throttleRules.pairSlowDownAfter; i += 1) {
      const wrong = await post('/api/account/two-factor/disable', stolen, {
        password: `guess-number-${i}`,
      });
      expect(wrong.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
    }
    // The right guess must not be confirmed now: the failures count as failed sign-ins do.
    const right = await post('/api/account/two-factor/disable', stolen, { password: PASSWORD });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('RATE_LIMITED');
    const status = await t.app.inject({
      url: '/api/account/two-factor',
      headers: { cookie: stolen },
    });
    expect(status.json().enabled).toBe(true);
  });
});

describe('an account invited but not yet accepted', () => {
  it('costs a sign-in the same password hash as an unknown address, so timing cannot single it out', async () => {
    await invite('ivy.invitee@demo.test');
    const verify = vi.spyOn(argon2, 'verify');
    try {
      const hashesOf = async (email: string) => {
        verify.mockClear();
        const refused = await post('/api/auth/login', undefined, { email, password: 'a-guess' });
        expect(refused.json().error.code).toBe('INVALID_CREDENTIALS');
        // Only a real argon2 hash costs the time a sign-in of a real account costs.
        return verify.mock.calls.filter(([hash]) => hash.startsWith('$argon2id$')).length;
      };
      const unknown = await hashesOf('nobody.here@demo.test');
      expect(unknown).toBe(1);
      expect(await hashesOf('ivy.invitee@demo.test')).toBe(unknown);
    } finally {
      verify.mockRestore();
    }
  });

  it('has its invitation link die once a password is set another way (a reset)', async () => {
    await invite('ian.invitee@demo.test');
    const invitation = await tokenMailed('ian.invitee@demo.test', 'invitation');
    // The invitee uses "forgot password" instead and signs in with the password chosen there.
    expect(
      (await post('/api/auth/forgot-password', undefined, { email: 'ian.invitee@demo.test' }))
        .statusCode,
    ).toBe(202);
    const reset = await tokenMailed('ian.invitee@demo.test', 'password-reset');
    const chosen = 'harbour-violet-compass-38';
    expect(
      (await post('/api/auth/reset-password', undefined, { token: reset, password: chosen }))
        .statusCode,
    ).toBe(204);
    const session = await loginAs(t.app, 'ian.invitee@demo.test', chosen);
    // Nor is it pending any more for the administrator who sent it.
    const pending = await t.app.inject({
      url: '/api/invitations',
      headers: { cookie: await loginAs(t.app, 'admin@demo.test') },
    });
    expect(pending.statusCode).toBe(200);
    expect(JSON.stringify(pending.json())).not.toContain('ian.invitee@demo.test');
    // The old invitation, still in the mailbox for days, must not set a password over it (and
    // leave that session open): it is spent.
    const late = await post('/api/auth/invitation/accept', undefined, {
      token: invitation,
      password: 'lantern-quarry-meadow-61',
      timeZone: 'America/Detroit',
    });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('TOKEN_USED');
    await expect(loginAs(t.app, 'ian.invitee@demo.test', chosen)).resolves.toMatch(/^sid=/);
    const still = await t.app.inject({ url: '/api/auth/session', headers: { cookie: session } });
    expect(still.statusCode).toBe(200);
  });
});
