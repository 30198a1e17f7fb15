import { and, eq } from 'drizzle-orm';
import { associationIdOf, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { resultLetters } from '../../db/schema/letters.js';
import { examResults } from '../../db/schema/results.js';

/*
 * exam_results has no association column of its own: the functions reading it take a sitting or
 * candidate the caller has already found within its scope (sittings' scoped lookups), and run
 * inside withinScope, where row-level security refuses another association's results anyway.
 */

const releasedColumns = {
  attemptId: examResults.attemptId,
  sittingId: examResults.sittingId,
  candidateId: examResults.candidateId,
  passed: examResults.passed,
  result: examResults.result,
  releasedAt: examResults.releasedAt,
};

/** One candidate's released result in one sitting (of a sitting found within scope). */
export async function releasedResultOf(db: DbOrTx, sittingId: string, candidateId: string) {
  const rows = await db
    .select(releasedColumns)
    .from(examResults)
    .where(and(eq(examResults.sittingId, sittingId), eq(examResults.candidateId, candidateId)));
  return rows[0];
}

/** Every released result of one sitting (found within scope). */
export function releasedOfSitting(db: DbOrTx, sittingId: string) {
  return db.select(releasedColumns).from(examResults).where(eq(examResults.sittingId, sittingId));
}

/** A candidate's own released results; the caller keeps those of sittings within its scope. */
export function releasedOfCandidate(db: DbOrTx, candidateId: string) {
  return db
    .select(releasedColumns)
    .from(examResults)
    .where(eq(examResults.candidateId, candidateId));
}

export type LetterRow = typeof resultLetters.$inferSelect;

/** The letter already issued for an attempt, on a letterhead within scope. */
export async function letterOfAttempt(
  db: DbOrTx,
  scope: Scope,
  attemptId: string,
): Promise<LetterRow | undefined> {
  const associationId = associationIdOf(scope);
  const rows = await db
    .select()
    .from(resultLetters)
    .where(
      and(
        eq(resultLetters.attemptId, attemptId),
        associationId === undefined ? undefined : eq(resultLetters.associationId, associationId),
      ),
    );
  return rows[0];
}

/**
 * Stores a newly issued letter unless one was issued for the attempt meanwhile (two first
 * downloads at once): the caller reads back whichever was stored, so a result has one letter.
 */
export async function insertLetterOnce(tx: DbOrTx, row: LetterRow): Promise<void> {
  await tx.insert(resultLetters).values(row).onConflictDoNothing({
    target: resultLetters.attemptId,
  });
}

/**
 * A letter by its identifier, for the public verification page (programme scope: anyone), with
 * the result as it stands now: a key correction after the letter was issued may have changed it,
 * and a check must not confirm what is no longer true.
 */
export async function letterByIdentifier(
  db: DbOrTx,
  scope: Scope,
  identifier: string,
): Promise<(LetterRow & { passedNow: boolean }) | undefined> {
  const associationId = associationIdOf(scope);
  const rows = await db
    .select({ letter: resultLetters, passedNow: examResults.passed })
    .from(resultLetters)
    .innerJoin(examResults, eq(examResults.attemptId, resultLetters.attemptId))
    .where(
      and(
        eq(resultLetters.identifier, identifier),
        associationId === undefined ? undefined : eq(resultLetters.associationId, associationId),
      ),
    );
  const row = rows[0];
  return row && { ...row.letter, passedNow: row.passedNow };
}
