import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throttleRules } from '../src/modules/auth/login-throttle.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

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

const post = (url: string, cookie: string, payload: unknown = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { origin: TEST_ORIGIN, cookie },
    payload: payload as Record<string, unknown>,
  });

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
