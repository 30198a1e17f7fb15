import { and, desc, eq, inArray, max } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { sittingInScope } from '../../db/scope-filters.js';
import { examResults } from '../../db/schema/results.js';

export async function insertResult(tx: DbOrTx, row: typeof examResults.$inferInsert) {
  await tx.insert(examResults).values(row);
}

/** Released results by attempt id. */
export async function releasedResults(
  db: DbOrTx,
  scope: Scope,
  attemptIds: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  if (attemptIds.length === 0) return new Map();
  const rows = await db
    .select({ attemptId: examResults.attemptId, result: examResults.result })
    .from(examResults)
    .where(
      and(
        inArray(examResults.attemptId, [...attemptIds]),
        sittingInScope(scope, examResults.sittingId),
      ),
    );
  return new Map(rows.map((r) => [r.attemptId, r.result]));
}

export async function releasedAtOf(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<Date | undefined> {
  const rows = await db
    .select({ at: max(examResults.releasedAt) })
    .from(examResults)
    .where(and(eq(examResults.sittingId, sittingId), sittingInScope(scope, examResults.sittingId)));
  return rows[0]?.at ?? undefined;
}

/** Locks an attempt's released result row and returns its stored result, if released. */
export async function lockResult(
  tx: DbOrTx,
  scope: Scope,
  attemptId: string,
): Promise<Record<string, unknown> | undefined> {
  const rows = await tx
    .select({ result: examResults.result })
    .from(examResults)
    .where(and(eq(examResults.attemptId, attemptId), sittingInScope(scope, examResults.sittingId)))
    .for('update');
  return rows[0]?.result;
}

/** Replaces a released result (a key correction revised it). */
export async function updateResult(
  tx: DbOrTx,
  scope: Scope,
  attemptId: string,
  change: { passed: boolean; result: Record<string, unknown> },
): Promise<void> {
  await tx
    .update(examResults)
    .set(change)
    .where(and(eq(examResults.attemptId, attemptId), sittingInScope(scope, examResults.sittingId)));
}

/**
 * The candidates' released results from other sittings, newest first: where a retake by part
 * finds the earlier pass of the part it did not sit. Read in the programme's scope on purpose:
 * the candidate's own results, reached through an enrolment the caller has already scoped.
 */
export async function earlierResultsOf(
  db: DbOrTx,
  candidateIds: readonly string[],
  exceptSittingId: string,
): Promise<{ candidateId: string; sittingId: string; result: Record<string, unknown> }[]> {
  if (candidateIds.length === 0) return [];
  const rows = await db
    .select({
      candidateId: examResults.candidateId,
      sittingId: examResults.sittingId,
      result: examResults.result,
      releasedAt: examResults.releasedAt,
    })
    .from(examResults)
    .where(inArray(examResults.candidateId, [...candidateIds]))
    .orderBy(desc(examResults.releasedAt));
  return rows.filter((r) => r.sittingId !== exceptSittingId);
}
