import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { seedReadings, type StoredSeedAnnotation } from '../../db/schema/grading-calibration.js';
import { gradingAssignments, gradingItems, type StoredScores } from '../../db/schema/grading.js';

export type SeedRow = typeof seedReadings.$inferSelect;

export async function insertSeed(tx: DbOrTx, row: typeof seedReadings.$inferInsert) {
  const [inserted] = await tx.insert(seedReadings).values(row).onConflictDoNothing().returning();
  return inserted;
}

export function seedsOf(db: DbOrTx, graderId: string): Promise<SeedRow[]> {
  return db.select().from(seedReadings).where(eq(seedReadings.graderId, graderId));
}

export async function findSeed(db: DbOrTx, graderId: string, code: string, lock = false) {
  const query = db
    .select()
    .from(seedReadings)
    .where(and(eq(seedReadings.code, code), eq(seedReadings.graderId, graderId)));
  const rows = lock ? await query.for('update') : await query;
  return rows[0];
}

/** Whether a code is taken by a live response: seed codes are drawn from the same space. */
export async function liveCodeExists(db: DbOrTx, code: string): Promise<boolean> {
  const rows = await db
    .select({ id: gradingItems.id })
    .from(gradingItems)
    .where(eq(gradingItems.code, code));
  return rows.length > 0;
}

export async function liveReadingCount(db: DbOrTx, graderId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(gradingAssignments)
    .where(and(eq(gradingAssignments.graderId, graderId), eq(gradingAssignments.role, 'reader')));
  return Number(row?.n ?? 0);
}

export async function saveSeedSheet(
  tx: DbOrTx,
  id: string,
  sheet: {
    scores: StoredScores;
    flagged: boolean;
    flagNote: string;
    status: 'draft' | 'submitted';
    at: Date;
  },
) {
  await tx
    .update(seedReadings)
    .set({
      scores: sheet.scores,
      flagged: sheet.flagged,
      flagNote: sheet.flagNote,
      status: sheet.status,
      updatedAt: sheet.at,
      ...(sheet.status === 'submitted' ? { submittedAt: sheet.at } : {}),
    })
    .where(eq(seedReadings.id, id));
}

/** The grader's last `limit` submitted seeds, newest first: the rolling window. */
export function recentSubmittedSeeds(db: DbOrTx, graderId: string, limit: number) {
  return db
    .select()
    .from(seedReadings)
    .where(and(eq(seedReadings.graderId, graderId), isNotNull(seedReadings.submittedAt)))
    .orderBy(desc(seedReadings.submittedAt))
    .limit(limit);
}

export function submittedSeeds(db: DbOrTx) {
  return db.select().from(seedReadings).where(isNotNull(seedReadings.submittedAt));
}

/**
 * On a pause: takes back the grader's unsubmitted readings, live (of responses not yet final, so
 * routing gives them to someone else) and seeded alike, so nothing left open tells one from the other.
 */
export async function releaseOpenWork(tx: DbOrTx, graderId: string): Promise<number> {
  const live = await tx
    .delete(gradingAssignments)
    .where(
      and(
        eq(gradingAssignments.graderId, graderId),
        sql`${gradingAssignments.status} <> 'submitted'`,
        sql`${gradingAssignments.itemId} IN (SELECT id FROM grading_items WHERE status <> 'final')`,
      ),
    )
    .returning({ id: gradingAssignments.id });
  await tx
    .delete(seedReadings)
    .where(and(eq(seedReadings.graderId, graderId), sql`${seedReadings.status} <> 'submitted'`));
  return live.length;
}

/** Replaces a seed's annotations (the caller holds the row locked). */
export async function saveSeedAnnotations(
  tx: DbOrTx,
  id: string,
  annotations: StoredSeedAnnotation[],
): Promise<void> {
  await tx.update(seedReadings).set({ annotations }).where(eq(seedReadings.id, id));
}
