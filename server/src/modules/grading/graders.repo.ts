import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { graderConflicts, graders } from '../../db/schema/grading.js';

export type GraderRow = typeof graders.$inferSelect;
export type ConflictRow = typeof graderConflicts.$inferSelect;

export function listGraderRows(db: DbOrTx): Promise<GraderRow[]> {
  return db.select().from(graders);
}

export async function upsertGrader(
  tx: DbOrTx,
  row: { userId: string; variants: string[]; adjudicator: boolean; updatedAt: Date },
): Promise<void> {
  await tx
    .insert(graders)
    .values(row)
    .onConflictDoUpdate({
      target: graders.userId,
      set: { variants: row.variants, adjudicator: row.adjudicator, updatedAt: row.updatedAt },
    });
}

export function listConflicts(db: DbOrTx, graderIds?: readonly string[]): Promise<ConflictRow[]> {
  const query = db.select().from(graderConflicts);
  return graderIds ? query.where(inArray(graderConflicts.graderId, [...graderIds])) : query;
}

/** Records a conflict; declaring the same one again updates its reason. */
export async function upsertConflict(tx: DbOrTx, row: typeof graderConflicts.$inferInsert) {
  await tx
    .insert(graderConflicts)
    .values(row)
    .onConflictDoUpdate({
      target: [graderConflicts.graderId, graderConflicts.candidateEmail],
      set: { reason: row.reason, declaredAt: row.declaredAt, declaredBy: row.declaredBy },
    });
}

export async function deleteConflict(
  tx: DbOrTx,
  graderId: string,
  candidateEmail: string,
): Promise<boolean> {
  const rows = await tx
    .delete(graderConflicts)
    .where(
      and(
        eq(graderConflicts.graderId, graderId),
        eq(graderConflicts.candidateEmail, candidateEmail),
      ),
    )
    .returning({ graderId: graderConflicts.graderId });
  return rows.length > 0;
}
