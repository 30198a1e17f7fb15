import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { attemptParts, attempts, responses } from '../../db/schema/index.js';

/** A Part Two response's stored document and word count, if one was saved. */
export async function responseDoc(db: DbOrTx, attemptId: string, vignette: number) {
  const [row] = await db
    .select({ doc: responses.doc, words: responses.words })
    .from(responses)
    .where(and(eq(responses.attemptId, attemptId), eq(responses.vignette, vignette)));
  return row;
}

/** Attempts among these enrolments whose Part Two has closed. */
export async function closedPartTwoAttemptIds(
  db: DbOrTx,
  enrolmentIds: readonly string[],
): Promise<string[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db
    .select({ attemptId: attempts.id })
    .from(attempts)
    .innerJoin(attemptParts, eq(attemptParts.attemptId, attempts.id))
    .where(
      and(
        inArray(attempts.enrolmentId, [...enrolmentIds]),
        eq(attemptParts.part, 2),
        isNotNull(attemptParts.closedAt),
      ),
    );
  return rows.map((r) => r.attemptId);
}

/** Every attempt of these enrolments joined to each of its parts, by attempt then part. */
export function attemptsWithParts(db: DbOrTx, enrolmentIds: readonly string[]) {
  return db
    .select({ attempt: attempts, part: attemptParts })
    .from(attempts)
    .innerJoin(attemptParts, eq(attemptParts.attemptId, attempts.id))
    .where(inArray(attempts.enrolmentId, [...enrolmentIds]))
    .orderBy(asc(attempts.id), asc(attemptParts.part));
}
