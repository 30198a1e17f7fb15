import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { sittingInScope } from '../../db/scope-filters.js';
import {
  gradingAssignments,
  gradingIntake,
  gradingItems,
  type StoredFinal,
  type StoredScores,
} from '../../db/schema/grading.js';

export type ItemRow = typeof gradingItems.$inferSelect;
export type AssignmentRow = typeof gradingAssignments.$inferSelect;
export type IntakeRow = typeof gradingIntake.$inferSelect;

/** Records the intake; false when the attempt was already taken in (intake is idempotent). */
export async function insertIntake(
  tx: DbOrTx,
  row: typeof gradingIntake.$inferInsert,
): Promise<boolean> {
  const rows = await tx
    .insert(gradingIntake)
    .values(row)
    .onConflictDoNothing()
    .returning({ attemptId: gradingIntake.attemptId });
  return rows.length > 0;
}

export function intakeOf(db: DbOrTx, attemptIds: readonly string[]): Promise<IntakeRow[]> {
  if (attemptIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(gradingIntake)
    .where(inArray(gradingIntake.attemptId, [...attemptIds]));
}

export async function insertItem(
  tx: DbOrTx,
  row: typeof gradingItems.$inferInsert,
): Promise<ItemRow | undefined> {
  const [item] = await tx.insert(gradingItems).values(row).onConflictDoNothing().returning();
  return item;
}

/** Locks an item: readings of one response are decided one at a time. */
export async function lockItem(tx: DbOrTx, id: string): Promise<ItemRow | undefined> {
  const rows = await tx.select().from(gradingItems).where(eq(gradingItems.id, id)).for('update');
  return rows[0];
}

/** A response by its code; graders read in the programme scope, coordinators in their own. */
export async function findItemByCode(
  db: DbOrTx,
  scope: Scope,
  code: string,
): Promise<ItemRow | undefined> {
  const rows = await db
    .select()
    .from(gradingItems)
    .where(and(eq(gradingItems.code, code), sittingInScope(scope, gradingItems.sittingId)));
  return rows[0];
}

export function itemsOfSitting(db: DbOrTx, sittingId: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(gradingItems)
    .where(eq(gradingItems.sittingId, sittingId))
    .orderBy(asc(gradingItems.attemptId), asc(gradingItems.vignette));
}

export function itemsOfAttempts(db: DbOrTx, attemptIds: readonly string[]): Promise<ItemRow[]> {
  if (attemptIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(gradingItems)
    .where(inArray(gradingItems.attemptId, [...attemptIds]))
    .orderBy(asc(gradingItems.vignette));
}

/** Items still short of two first readers, or waiting for a third reader nobody has yet. */
export function itemsNeedingGraders(db: DbOrTx): Promise<ItemRow[]> {
  return db
    .select()
    .from(gradingItems)
    .where(
      sql`(${gradingItems.status} = 'reading' AND (
             SELECT count(*) FROM grading_assignments a
             WHERE a.item_id = ${gradingItems.id} AND a.role = 'reader') < 2)
          OR (${gradingItems.status} = 'adjudicating' AND NOT EXISTS (
             SELECT 1 FROM grading_assignments a
             WHERE a.item_id = ${gradingItems.id} AND a.role = 'adjudicator'))`,
    );
}

export async function updateItem(
  tx: DbOrTx,
  id: string,
  values: { status: string; final?: StoredFinal; finalizedAt?: Date },
): Promise<void> {
  await tx.update(gradingItems).set(values).where(eq(gradingItems.id, id));
}

export function assignmentsOf(db: DbOrTx, itemIds: readonly string[]): Promise<AssignmentRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(gradingAssignments)
    .where(inArray(gradingAssignments.itemId, [...itemIds]))
    .orderBy(asc(gradingAssignments.assignedAt), asc(gradingAssignments.id));
}

export async function insertAssignment(tx: DbOrTx, row: typeof gradingAssignments.$inferInsert) {
  await tx.insert(gradingAssignments).values(row);
}

/** How many readings each grader holds in a sitting: the load routing balances. */
export async function loadBySitting(tx: DbOrTx, sittingId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ graderId: gradingAssignments.graderId, n: count() })
    .from(gradingAssignments)
    .innerJoin(gradingItems, eq(gradingItems.id, gradingAssignments.itemId))
    .where(eq(gradingItems.sittingId, sittingId))
    .groupBy(gradingAssignments.graderId);
  return new Map(rows.map((r) => [r.graderId, Number(r.n)]));
}

/** A grader's readings with their items, in the grader's own stable order. */
export function queueOf(db: DbOrTx, graderId: string) {
  return db
    .select({ assignment: gradingAssignments, item: gradingItems })
    .from(gradingAssignments)
    .innerJoin(gradingItems, eq(gradingItems.id, gradingAssignments.itemId))
    .where(eq(gradingAssignments.graderId, graderId))
    .orderBy(asc(gradingAssignments.orderKey));
}

export async function saveSheet(
  tx: DbOrTx,
  id: string,
  sheet: {
    scores: StoredScores;
    /** The rubric version the scores were made with: the response's pinned one. */
    rubricId: string;
    flagged: boolean;
    flagNote: string;
    status: 'draft' | 'submitted';
    at: Date;
  },
): Promise<void> {
  await tx
    .update(gradingAssignments)
    .set({
      scores: sheet.scores,
      rubricId: sheet.rubricId,
      flagged: sheet.flagged,
      flagNote: sheet.flagNote,
      status: sheet.status,
      updatedAt: sheet.at,
      ...(sheet.status === 'submitted' ? { submittedAt: sheet.at } : {}),
    })
    .where(eq(gradingAssignments.id, id));
}

/** Takes back a grader's unsubmitted readings of one candidate's responses (a new conflict). */
export async function releaseOpenReadings(
  tx: DbOrTx,
  graderId: string,
  candidateId: string,
): Promise<string[]> {
  const rows = await tx
    .delete(gradingAssignments)
    .where(
      and(
        eq(gradingAssignments.graderId, graderId),
        sql`${gradingAssignments.status} <> 'submitted'`,
        sql`${gradingAssignments.itemId} IN (SELECT id FROM grading_items WHERE candidate_id = ${candidateId} AND status <> 'final')`,
      ),
    )
    .returning({ itemId: gradingAssignments.itemId });
  return rows.map((r) => r.itemId);
}

export function workloadByGrader(db: DbOrTx) {
  return db
    .select({
      graderId: gradingAssignments.graderId,
      assigned: count(),
      submitted: sql<number>`count(*) FILTER (WHERE ${gradingAssignments.status} = 'submitted')`,
    })
    .from(gradingAssignments)
    .groupBy(gradingAssignments.graderId);
}

/** Items per sitting and status, for the list of sittings' results. */
export async function itemCountsBySitting(db: DbOrTx) {
  const rows = await db
    .select({ sittingId: gradingItems.sittingId, status: gradingItems.status, n: count() })
    .from(gradingItems)
    .groupBy(gradingItems.sittingId, gradingItems.status);
  const counts = new Map<
    string,
    { total: number; reading: number; adjudicating: number; final: number }
  >();
  for (const row of rows) {
    const entry = counts.get(row.sittingId) ?? { total: 0, reading: 0, adjudicating: 0, final: 0 };
    const n = Number(row.n);
    entry.total += n;
    if (row.status === 'reading' || row.status === 'adjudicating' || row.status === 'final')
      entry[row.status] += n;
    counts.set(row.sittingId, entry);
  }
  return counts;
}

/** Attempts taken in for grading, per sitting. */
export async function intakeCountsBySitting(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ sittingId: gradingIntake.sittingId, n: count() })
    .from(gradingIntake)
    .groupBy(gradingIntake.sittingId);
  return new Map(rows.map((r) => [r.sittingId, Number(r.n)]));
}

/** Turns a submitted reading back into a draft, keeping its scores. */
export async function reopenReading(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx
    .update(gradingAssignments)
    .set({ status: 'draft', submittedAt: null, updatedAt: at })
    .where(eq(gradingAssignments.id, id));
}

export async function deleteReading(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(gradingAssignments).where(eq(gradingAssignments.id, id));
}

/** Takes an item back from its final score to the given stage of reading. */
export async function reopenItem(
  tx: DbOrTx,
  id: string,
  status: 'reading' | 'adjudicating',
): Promise<void> {
  await tx
    .update(gradingItems)
    .set({ status, final: null, finalizedAt: null })
    .where(eq(gradingItems.id, id));
}
