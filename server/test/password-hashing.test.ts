import argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/auth.js';
import {
  hashPassword,
  needsPasswordRehash,
  passwordHashSlots,
  verifyPassword,
} from '../src/modules/auth/passwords.js';
import { Semaphore } from '../src/modules/auth/semaphore.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function storedHash(email: string): Promise<string> {
  const [row] = await t.database.db.select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.passwordHash;
}

describe('password hashing', () => {
  it("hashes with OWASP's argon2id parameters: 19 MiB, two passes, one lane", async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(needsPasswordRehash(hash)).toBe(false);
    expect(await verifyPassword(hash, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'another passphrase')).toBe(false);
  });

  it('upgrades a hash made with the old parameters at the next sign-in', async () => {
    const email = 'grader1@demo.test';
    // The library's defaults, which every hash stored before this change was made with.
    const old = await argon2.hash('demo-password-2026', { type: argon2.argon2id });
    expect(old).toMatch(/m=65536,p=4,t=3/);
    await t.database.db.update(users).set({ passwordHash: old }).where(eq(users.email, email));
    expect(needsPasswordRehash(old)).toBe(true);

    await loginAs(t.app, email);

    const upgraded = await storedHash(email);
    expect(upgraded).not.toBe(old);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    // The new hash still admits the same password, and a second sign-in leaves it alone.
    await loginAs(t.app, email);
    expect(await storedHash(email)).toBe(upgraded);
  });

  it('leaves a current hash untouched at sign-in', async () => {
    const before = await storedHash('proctor@demo.test');
    await loginAs(t.app, 'proctor@demo.test');
    expect(await storedHash('proctor@demo.test')).toBe(before);
  });

  it('never runs more hashes at once than its slots, however many sign-ins arrive together', async () => {
    const signIns = Array.from({ length: passwordHashSlots.limit + 3 }, (_, i) =>
      hashPassword(`storm password ${i}`),
    );
    expect(passwordHashSlots.queued).toBeGreaterThan(0);
    await Promise.all(signIns);
    expect(passwordHashSlots.peak).toBeLessThanOrEqual(passwordHashSlots.limit);
    expect(passwordHashSlots.queued).toBe(0);
  });
});

describe('Semaphore', () => {
  it('queues tasks beyond its limit in arrival order and hands each slot straight on', async () => {
    const slots = new Semaphore(2);
    const started: number[] = [];
    const finishers: (() => void)[] = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      slots.run(async () => {
        started.push(i);
        await new Promise<void>((resolve) => finishers.push(resolve));
        return i;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect(slots.queued).toBe(3);

    finishers.shift()?.();
    // A newcomer arriving while a slot is being handed on waits behind the queue.
    const late = slots.run(async () => {
      started.push(5);
      return 5;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);

    while (finishers.length > 0) {
      finishers.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all([...tasks, late])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(slots.peak).toBe(2);
  });
});
