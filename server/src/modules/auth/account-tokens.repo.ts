import { and, count, eq, gte, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accountTokens } from '../../db/schema/accounts.js';

export type AccountTokenKind = (typeof accountTokens.$inferSelect)['kind'];
export type AccountTokenRow = typeof accountTokens.$inferSelect;

export async function insertToken(
  db: DbOrTx,
  row: typeof accountTokens.$inferInsert,
): Promise<void> {
  await db.insert(accountTokens).values(row);
}

export async function findToken(
  db: DbOrTx,
  kind: AccountTokenKind,
  tokenHash: string,
): Promise<AccountTokenRow | undefined> {
  const rows = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.kind, kind)))
    .limit(1);
  return rows[0];
}

/** Marks a token used, only if it is not yet: true for the one caller that wins a race. */
export async function useToken(db: DbOrTx, tokenHash: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(accountTokens)
    .set({ usedAt: at })
    .where(and(eq(accountTokens.tokenHash, tokenHash), isNull(accountTokens.usedAt)))
    .returning({ tokenHash: accountTokens.tokenHash });
  return rows.length > 0;
}

/** Retires a user's open tokens of one kind (a new reset link makes older ones useless). */
export async function retireTokens(
  db: DbOrTx,
  userId: string,
  kind: AccountTokenKind,
  at: Date,
): Promise<void> {
  await db
    .update(accountTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.kind, kind),
        isNull(accountTokens.usedAt),
      ),
    );
}

/** How many tokens of one kind were issued to a user since `since` (used or not). */
export async function countTokensSince(
  db: DbOrTx,
  userId: string,
  kind: AccountTokenKind,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.kind, kind),
        gte(accountTokens.createdAt, since),
      ),
    );
  return Number(row?.n ?? 0);
}
