import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  graderPauses,
  graderQualifications,
  gradingNotifications,
  qualificationRounds,
} from '../../db/schema/grading-calibration.js';

export type QualificationRow = typeof graderQualifications.$inferSelect;
export type RoundRow = typeof qualificationRounds.$inferSelect;

export function qualificationsOf(db: DbOrTx, graderId?: string): Promise<QualificationRow[]> {
  const query = db.select().from(graderQualifications);
  return graderId ? query.where(eq(graderQualifications.graderId, graderId)) : query;
}

/** Per grader, the rubric versions they are qualified for and whose qualification has not run out. */
export async function qualifiedRubrics(db: DbOrTx, now: Date): Promise<Map<string, Set<string>>> {
  const rows = await db
    .select({ graderId: graderQualifications.graderId, rubricId: graderQualifications.rubricId })
    .from(graderQualifications)
    .where(
      and(
        eq(graderQualifications.qualified, true),
        or(isNull(graderQualifications.expiresAt), gt(graderQualifications.expiresAt, now)),
      ),
    );
  const byGrader = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = byGrader.get(row.graderId) ?? new Set<string>();
    set.add(row.rubricId);
    byGrader.set(row.graderId, set);
  }
  return byGrader;
}

export async function upsertQualification(
  tx: DbOrTx,
  row: typeof graderQualifications.$inferInsert,
): Promise<void> {
  const { graderId: _g, rubricId: _r, ...set } = row;
  await tx
    .insert(graderQualifications)
    .values(row)
    .onConflictDoUpdate({
      target: [graderQualifications.graderId, graderQualifications.rubricId],
      set,
    });
}

export function roundsOf(db: DbOrTx, graderId: string, rubricId?: string): Promise<RoundRow[]> {
  return db
    .select()
    .from(qualificationRounds)
    .where(
      and(
        eq(qualificationRounds.graderId, graderId),
        rubricId ? eq(qualificationRounds.rubricId, rubricId) : undefined,
      ),
    )
    .orderBy(asc(qualificationRounds.startedAt), asc(qualificationRounds.round));
}

export function allRounds(db: DbOrTx): Promise<RoundRow[]> {
  return db.select().from(qualificationRounds).orderBy(asc(qualificationRounds.startedAt));
}

export async function findRound(db: DbOrTx, id: string, lock = false) {
  const query = db.select().from(qualificationRounds).where(eq(qualificationRounds.id, id));
  const rows = lock ? await query.for('update') : await query;
  return rows[0];
}

export async function insertRound(tx: DbOrTx, row: typeof qualificationRounds.$inferInsert) {
  const [inserted] = await tx.insert(qualificationRounds).values(row).returning();
  if (!inserted) throw new Error('qualification round was not inserted');
  return inserted;
}

export async function updateRound(
  tx: DbOrTx,
  id: string,
  values: Partial<
    Pick<RoundRow, 'levels' | 'status' | 'exactPercent' | 'adjacentPercent' | 'finishedAt'>
  >,
): Promise<void> {
  await tx.update(qualificationRounds).set(values).where(eq(qualificationRounds.id, id));
}

/** Graders paused from live scoring now. */
export async function pausedGraders(db: DbOrTx): Promise<Set<string>> {
  const rows = await db
    .select({ graderId: graderPauses.graderId })
    .from(graderPauses)
    .where(isNull(graderPauses.liftedAt));
  return new Set(rows.map((r) => r.graderId));
}

export function listPauses(db: DbOrTx) {
  return db.select().from(graderPauses).orderBy(desc(graderPauses.pausedAt));
}

export async function findPause(db: DbOrTx, id: string) {
  const rows = await db.select().from(graderPauses).where(eq(graderPauses.id, id));
  return rows[0];
}

export async function insertPause(tx: DbOrTx, row: typeof graderPauses.$inferInsert) {
  await tx.insert(graderPauses).values(row);
}

export async function liftPause(
  tx: DbOrTx,
  id: string,
  values: { liftedAt: Date; liftedBy: string; liftNote: string },
): Promise<boolean> {
  const rows = await tx
    .update(graderPauses)
    .set(values)
    .where(and(eq(graderPauses.id, id), isNull(graderPauses.liftedAt)))
    .returning({ id: graderPauses.id });
  return rows.length > 0;
}

export async function notify(
  tx: DbOrTx,
  row: { kind: string; graderId: string | null; message: string; createdAt: Date },
): Promise<void> {
  await tx.insert(gradingNotifications).values(row);
}

export function listNotifications(db: DbOrTx) {
  return db
    .select()
    .from(gradingNotifications)
    .orderBy(desc(gradingNotifications.createdAt))
    .limit(100);
}

/** One qualification start at a time per grader and rubric (held to the end of the transaction). */
export async function lockGraderRubric(tx: DbOrTx, graderId: string, rubricId: string) {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtext(${`qualification:${graderId}:${rubricId}`}))`,
  );
}
