import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { sittingGradingRules } from '../../db/schema/grading.js';

export type RulesRow = typeof sittingGradingRules.$inferSelect;

/** The rules saved on a sitting's results page, if any were. */
export async function findRules(db: DbOrTx, sittingId: string): Promise<RulesRow | undefined> {
  const [row] = await db
    .select()
    .from(sittingGradingRules)
    .where(eq(sittingGradingRules.sittingId, sittingId));
  return row;
}

/** Saves a sitting's rules, replacing any saved before. */
export async function upsertRules(
  tx: DbOrTx,
  sittingId: string,
  values: Omit<typeof sittingGradingRules.$inferInsert, 'sittingId'>,
): Promise<void> {
  await tx
    .insert(sittingGradingRules)
    .values({ sittingId, ...values })
    .onConflictDoUpdate({ target: sittingGradingRules.sittingId, set: values });
}
