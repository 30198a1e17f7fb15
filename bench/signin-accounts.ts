import { randomBytes } from 'node:crypto';
import type { Database } from '../server/src/db/client.js';
import { users } from '../server/src/db/schema/index.js';
import { hashPassword } from '../server/src/modules/auth/index.js';

const CHUNK = 1000;

/**
 * `count` candidate accounts that have not signed in yet, sharing one password whose hash is made
 * by the server's own hashPassword (so with today's parameters: the storm measures verification,
 * not the one-off upgrade of an older hash).
 */
export async function seedSignInAccounts(
  database: Database,
  count: number,
): Promise<{ emails: string[]; password: string }> {
  const password = randomBytes(16).toString('hex');
  const passwordHash = await hashPassword(password);
  const emails = Array.from({ length: count }, (_, i) => `bench.signin.${i}@bench.test`);
  for (let i = 0; i < emails.length; i += CHUNK) {
    await database.db.insert(users).values(
      emails.slice(i, i + CHUNK).map((email, j) => ({
        email,
        displayName: `Bench Sign-in ${i + j}`,
        passwordHash,
        roles: [],
      })),
    );
  }
  return { emails, password };
}
