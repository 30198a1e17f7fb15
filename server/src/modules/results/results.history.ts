import { desc, eq } from 'drizzle-orm';
import type { ReleasedResult } from '@exam/shared/api';
import type { DbOrTx } from '../../db/client.js';
import { examResults } from '../../db/schema/results.js';

/** One released result of a candidate, as retake rules read it: per part, and when. */
export interface ReleasedPartResults {
  attemptId: string;
  sittingId: string;
  releasedAt: Date;
  /** The parts sat in that sitting (a carried part was not sat there). */
  partsSat: (1 | 2)[];
  passed: { 1: boolean; 2: boolean };
}

/**
 * The candidate's released results, newest first, kept per part. Programme-wide: the caller
 * reads a candidate it has already found within its association (or the candidate themselves).
 */
export async function releasedPartResultsOf(
  db: DbOrTx,
  candidateId: string,
): Promise<ReleasedPartResults[]> {
  const rows = await db
    .select()
    .from(examResults)
    .where(eq(examResults.candidateId, candidateId))
    .orderBy(desc(examResults.releasedAt));
  return rows.map((row) => {
    const result = row.result as unknown as ReleasedResult;
    const carried = new Set((result.carried ?? []).map((c) => c.part));
    return {
      attemptId: row.attemptId,
      sittingId: row.sittingId,
      releasedAt: row.releasedAt,
      partsSat: ([1, 2] as const).filter((p) => !carried.has(p)),
      passed: { 1: result.partOne.passed, 2: result.partTwo.passed },
    };
  });
}
