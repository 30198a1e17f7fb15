import type { MyLetter, MyResult } from '@exam/shared/api';
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { resultLetters } from '../../db/schema/letters.js';
import { examResults } from '../../db/schema/results.js';
import { iso } from '../../lib/iso.js';

/**
 * The read side results gives the privacy module: the candidate's released results, frozen as
 * they read them (so no more of the key than those show, and no grader), and the letters issued.
 * Unreleased results are not the candidate's yet and stay out.
 */
export async function resultDataOf(
  db: DbOrTx,
  candidateId: string,
): Promise<{ results: MyResult[]; letters: MyLetter[] }> {
  const rows = await db
    .select({
      attemptId: examResults.attemptId,
      sittingId: examResults.sittingId,
      passed: examResults.passed,
      releasedAt: examResults.releasedAt,
      result: examResults.result,
    })
    .from(examResults)
    .where(eq(examResults.candidateId, candidateId))
    .orderBy(asc(examResults.releasedAt));
  const letters =
    rows.length === 0
      ? []
      : await db
          .select({
            identifier: resultLetters.identifier,
            associationName: resultLetters.associationName,
            endorsement: resultLetters.endorsement,
            passed: resultLetters.passed,
            sittingDate: resultLetters.sittingDate,
            issuedAt: resultLetters.issuedAt,
          })
          .from(resultLetters)
          .where(
            inArray(
              resultLetters.attemptId,
              rows.map((row) => row.attemptId),
            ),
          );
  return {
    results: rows.map((row) => ({ ...row, releasedAt: iso(row.releasedAt) })),
    letters: letters.map((row) => ({ ...row, issuedAt: iso(row.issuedAt) })),
  };
}

/** An attempt whose result was released before a time: what the retention purge may reach. */
export interface ReleasedAttempt {
  attemptId: string;
  sittingId: string;
  releasedAt: string;
}

/** Attempts of `sittingIds` (all sittings when undefined) released before `before`. */
export async function releasedBefore(
  db: DbOrTx,
  before: Date,
  sittingIds?: readonly string[],
): Promise<ReleasedAttempt[]> {
  const rows = await db
    .select({
      attemptId: examResults.attemptId,
      sittingId: examResults.sittingId,
      releasedAt: examResults.releasedAt,
    })
    .from(examResults)
    .where(
      and(
        lt(examResults.releasedAt, before),
        sittingIds ? inArray(examResults.sittingId, [...sittingIds]) : undefined,
      ),
    );
  return rows.map((row) => ({ ...row, releasedAt: iso(row.releasedAt) }));
}
