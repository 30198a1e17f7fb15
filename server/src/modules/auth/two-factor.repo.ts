import { and, eq, isNotNull, isNull, lt, not, or, like } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recoveryCodes } from '../../db/schema/accounts.js';
import { users } from '../../db/schema/auth.js';

/** Secrets stored before they were encrypted (no `v1.` prefix), to be sealed. */
export async function listClearSecrets(
  db: DbOrTx,
): Promise<{ id: string; totpSecret: string | null }[]> {
  return db
    .select({ id: users.id, totpSecret: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), not(like(users.totpSecret, 'v1.%'))));
}

/** Replaces a clear secret with its sealed form, unless it changed meanwhile. */
export async function sealSecret(
  db: DbOrTx,
  userId: string,
  clear: string,
  sealed: string,
): Promise<void> {
  await db
    .update(users)
    .set({ totpSecret: sealed })
    .where(and(eq(users.id, userId), eq(users.totpSecret, clear)));
}

/** Stores a secret awaiting its first code; an earlier unconfirmed one is replaced. */
export async function setPendingSecret(db: DbOrTx, userId: string, secret: string): Promise<void> {
  await db
    .update(users)
    .set({ totpSecret: secret, totpLastStep: null })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)));
}

export async function enable(db: DbOrTx, userId: string, at: Date, step: number): Promise<void> {
  await db.update(users).set({ totpEnabledAt: at, totpLastStep: step }).where(eq(users.id, userId));
}

/** Moves the last used step forward only (two sign-ins racing with one code: one wins). */
export async function useStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function disable(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export async function replaceRecoveryCodes(
  db: DbOrTx,
  userId: string,
  hashes: string[],
  at: Date,
): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db
    .insert(recoveryCodes)
    .values(hashes.map((codeHash) => ({ codeHash, userId, createdAt: at })));
}

/** Uses a recovery code once: true only for the first use of an unused code of this user. */
export async function useRecoveryCode(
  db: DbOrTx,
  userId: string,
  codeHash: string,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: at })
    .where(
      and(
        eq(recoveryCodes.codeHash, codeHash),
        eq(recoveryCodes.userId, userId),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ codeHash: recoveryCodes.codeHash });
  return rows.length > 0;
}

export async function unusedRecoveryCodeCount(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .select({ codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
