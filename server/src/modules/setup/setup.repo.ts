import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { setupTokens } from '../../db/schema/setup.js';

// Serialises every path that creates an administrator without one signed in, so two setup
// submissions (or a submission and `admin:create`) cannot both see "no administrator yet".
const FIRST_ADMIN_LOCK = 7_301_024;

export async function lockFirstAdmin(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
}

/** Stores a new link's hash and deletes every unused older one: only the newest link works. */
export async function replaceUnusedTokens(
  tx: DbOrTx,
  token: { tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await tx.delete(setupTokens).where(isNull(setupTokens.usedAt));
  await tx.insert(setupTokens).values(token);
}

/** Whether the link is unused and unexpired; it stays so. */
export async function isUsable(db: DbOrTx, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(usable(tokenHash, now))
    .limit(1);
  return rows.length > 0;
}

/** Marks the link used if it is usable, in one conditional statement; false when it was not. */
export async function consume(tx: DbOrTx, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(setupTokens)
    .set({ usedAt: now })
    .where(usable(tokenHash, now))
    .returning({ id: setupTokens.id });
  return rows.length > 0;
}

function usable(tokenHash: string, now: Date) {
  return and(
    eq(setupTokens.tokenHash, tokenHash),
    isNull(setupTokens.usedAt),
    gt(setupTokens.expiresAt, now),
  );
}
