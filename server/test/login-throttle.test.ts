import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/auth.js';
import { hashPassword } from '../src/modules/auth/index.js';
import { createTestApp, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

const SCHOOL = '198.51.100.7';
const PASSWORD = 'school-candidate-password-91';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
  // One hash for all: the test is about counting, not hashing 200 times.
  const passwordHash = await hashPassword(PASSWORD);
  await t.database.db.insert(users).values(
    Array.from({ length: 201 }, (_, i) => ({
      email: `seat${i}@school.test`,
      displayName: `Seat ${i}`,
      passwordHash,
    })),
  );
});
afterAll(() => t.close());

const login = (email: string, password: string, address = SCHOOL) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: TEST_ORIGIN },
    remoteAddress: address,
    payload: { email, password },
  });

describe('login throttling', () => {
  it('locks one account under attack while 200 others behind the same address sign in', async () => {
    const victim = 'seat200@school.test';
    // The attacker guesses from the school's address, slowed down after a few failures and
    // trying again every half minute, until the account's own count locks it.
    const started = t.clock.now().getTime();
    let guesses = 0;
    for (let i = 0; i < 100; i += 1) {
      const code = (await login(victim, `guess-${i}`)).json().error.code as string;
      if (code === 'ACCOUNT_LOCKED') break;
      if (code === 'INVALID_CREDENTIALS') guesses += 1;
      else expect(code).toBe('RATE_LIMITED');
      t.clock.advance(30_000);
    }
    expect(guesses).toBe(10);
    expect(t.clock.now().getTime() - started).toBeLessThan(15 * 60_000);
    const locked = await login(victim, PASSWORD, '192.0.2.50');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');

    for (let i = 0; i < 200; i += 1) {
      const response = await login(`seat${i}@school.test`, PASSWORD);
      expect(response.statusCode, `seat${i}`).toBe(200);
    }
    // The lock is brief.
    t.clock.advance(16 * 60_000);
    expect((await login(victim, PASSWORD)).statusCode).toBe(200);
  }, 120_000);

  it('slows down one account from one address without touching it from elsewhere', async () => {
    for (let i = 0; i < 5; i += 1) await login('seat1@school.test', 'wrong-guess', '192.0.2.1');
    const slowed = await login('seat1@school.test', PASSWORD, '192.0.2.1');
    expect(slowed.json().error.code).toBe('RATE_LIMITED');
    expect((await login('seat1@school.test', PASSWORD, '192.0.2.2')).statusCode).toBe(200);
    t.clock.advance(31_000);
    expect((await login('seat1@school.test', PASSWORD, '192.0.2.1')).statusCode).toBe(200);
  });

  it('keeps a ceiling per address, far above a classroom', async () => {
    const { throttleRules } = await import('../src/modules/auth/login-throttle.js');
    expect(throttleRules.addressCeiling).toBeGreaterThanOrEqual(200);
  });
});
