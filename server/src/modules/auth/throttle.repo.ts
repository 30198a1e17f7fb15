import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { loginThrottle } from '../../db/schema/accounts.js';

/**
 * Counts one failure under `key` in one atomic upsert: a window older than `windowMs` starts
 * again at 1. Concurrent failures on two instances both count (the row lock serialises them).
 */
export async function countFailure(
  db: DbOrTx,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - windowMs).toISOString();
  const rows = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStartedAt} <= ${windowStart}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} <= ${windowStart}::timestamptz then ${at}::timestamptz else ${loginThrottle.windowStartedAt} end`,
      },
    })
    .returning({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil });
  const row = rows[0];
  return { failures: row?.failures ?? 1, lockedUntil: row?.lockedUntil ?? null };
}

export async function lockUntil(db: DbOrTx, key: string, until: Date): Promise<void> {
  await db.update(loginThrottle).set({ lockedUntil: until }).where(eq(loginThrottle.key, key));
}

/** The lock ends of these keys (absent keys have none). */
export async function locksOf(db: DbOrTx, keys: string[]): Promise<Map<string, Date>> {
  const rows = await db
    .select({ key: loginThrottle.key, lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(inArray(loginThrottle.key, keys));
  return new Map(
    rows.flatMap((r) => (r.lockedUntil ? [[r.key, r.lockedUntil] as [string, Date]] : [])),
  );
}

export async function clear(db: DbOrTx, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
}
