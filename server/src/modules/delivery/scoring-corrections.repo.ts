import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { attemptParts, attempts } from '../../db/schema/delivery.js';
import { scoringCorrections } from '../../db/schema/scoring-corrections.js';

/*
 * The key corrections of a sitting, kept here because Part One is scored here (part-one-rescore.ts
 * reads them); the scoring-corrections module records and lists them through delivery's index.
 */

/** One stored correction of one form position for one sitting. */
export type StoredCorrection = typeof scoringCorrections.$inferSelect;

// Serialises corrections per sitting: each one rescores every attempt from all corrections.
const CORRECTION_LOCK = 7_301_018;

/** Holds the sitting's correction lock to the end of the caller's transaction. */
export async function lockSittingCorrections(tx: DbOrTx, sittingId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CORRECTION_LOCK}, hashtext(${sittingId}))`);
}

/** The sitting's corrections, by form and position. */
export async function listScoringCorrections(
  db: DbOrTx,
  sittingId: string,
): Promise<StoredCorrection[]> {
  return db
    .select()
    .from(scoringCorrections)
    .where(eq(scoringCorrections.sittingId, sittingId))
    .orderBy(asc(scoringCorrections.formId), asc(scoringCorrections.position));
}

/** The correction of one position of one form in one sitting, if any. */
export async function findScoringCorrection(
  db: DbOrTx,
  key: { sittingId: string; formId: string; position: number },
): Promise<StoredCorrection | undefined> {
  const rows = await db
    .select()
    .from(scoringCorrections)
    .where(
      and(
        eq(scoringCorrections.sittingId, key.sittingId),
        eq(scoringCorrections.formId, key.formId),
        eq(scoringCorrections.position, key.position),
      ),
    );
  return rows[0];
}

/** A later correction of the same item replaces the earlier one (both stay in the audit log). */
export async function upsertScoringCorrection(
  db: DbOrTx,
  row: typeof scoringCorrections.$inferInsert,
): Promise<void> {
  await db
    .insert(scoringCorrections)
    .values(row)
    .onConflictDoUpdate({
      target: [
        scoringCorrections.sittingId,
        scoringCorrections.formId,
        scoringCorrections.position,
      ],
      set: {
        kind: row.kind,
        keyIndex: row.keyIndex ?? null,
        reason: row.reason,
        correctedBy: row.correctedBy,
        correctedAt: row.correctedAt,
      },
    });
}

/** The corrections in force for one form in one sitting, as scoring applies them. */
export async function correctionsOfSittingForm(
  db: DbOrTx,
  sittingId: string,
  formId: string,
): Promise<StoredCorrection[]> {
  return db
    .select()
    .from(scoringCorrections)
    .where(and(eq(scoringCorrections.sittingId, sittingId), eq(scoringCorrections.formId, formId)));
}

/** Every sitting's corrections of one form (item analysis and impact data score with them). */
export async function scoringCorrectionsOfForm(
  db: DbOrTx,
  formId: string,
): Promise<StoredCorrection[]> {
  return db
    .select()
    .from(scoringCorrections)
    .where(eq(scoringCorrections.formId, formId))
    .orderBy(asc(scoringCorrections.sittingId), asc(scoringCorrections.position));
}

/** The attempts of these enrolments that sat the form. */
export async function attemptsOfForm(
  db: DbOrTx,
  enrolmentIds: readonly string[],
  formId: string,
): Promise<string[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db
    .select({ id: attempts.id })
    .from(attempts)
    .where(and(inArray(attempts.enrolmentId, [...enrolmentIds]), eq(attempts.formId, formId)))
    .orderBy(asc(attempts.id));
  return rows.map((r) => r.id);
}

/** How many of these attempts still have Part One open. */
export async function openPartOnes(db: DbOrTx, attemptIds: readonly string[]): Promise<number> {
  if (attemptIds.length === 0) return 0;
  const rows = await db
    .select({ id: attemptParts.attemptId })
    .from(attemptParts)
    .where(
      and(
        inArray(attemptParts.attemptId, [...attemptIds]),
        eq(attemptParts.part, 1),
        isNull(attemptParts.closedAt),
      ),
    );
  return rows.length;
}
