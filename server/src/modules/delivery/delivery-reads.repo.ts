import { and, asc, count, desc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { answers, attemptEvents, attemptParts, attempts } from '../../db/schema/delivery.js';
import { responses } from '../../db/schema/responses.js';

// Delivery's tables as other modules' adapters (results, grading, sittings' exports) and the
// proctors' monitor read them; delivery's own write path lives in the other repos.

export type AttemptEventRow = typeof attemptEvents.$inferSelect;

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

/** Attempt ids by enrolment id, for the enrolments that have one. */
export async function attemptIdsByEnrolment(
  db: DbOrTx,
  enrolmentIds: readonly string[],
): Promise<Map<string, string>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .select({ id: attempts.id, enrolmentId: attempts.enrolmentId })
    .from(attempts)
    .where(inArray(attempts.enrolmentId, [...enrolmentIds]));
  return new Map(rows.map((row) => [row.enrolmentId, row.id]));
}

/** Part One questions answered (a choice made), per attempt that has any. */
export async function answeredCounts(
  db: DbOrTx,
  attemptIds: readonly string[],
): Promise<Map<string, number>> {
  if (attemptIds.length === 0) return new Map();
  const rows = await db
    .select({ attemptId: answers.attemptId, n: count() })
    .from(answers)
    .where(and(inArray(answers.attemptId, [...attemptIds]), isNotNull(answers.choice)))
    .groupBy(answers.attemptId);
  return new Map(rows.map((row) => [row.attemptId, Number(row.n)]));
}

/** Part Two responses with any words, per attempt that has any. */
export async function writtenCounts(
  db: DbOrTx,
  attemptIds: readonly string[],
): Promise<Map<string, number>> {
  if (attemptIds.length === 0) return new Map();
  const rows = await db
    .select({ attemptId: responses.attemptId, n: count() })
    .from(responses)
    .where(and(inArray(responses.attemptId, [...attemptIds]), gt(responses.words, 0)))
    .groupBy(responses.attemptId);
  return new Map(rows.map((row) => [row.attemptId, Number(row.n)]));
}

/** Connects and disconnects of these attempts: oldest first, or newest first up to `limit`. */
export function connectionEvents(
  db: DbOrTx,
  attemptIds: readonly string[],
  order: { newestFirst: true; limit: number } | { newestFirst: false },
): Promise<AttemptEventRow[]> {
  if (attemptIds.length === 0) return Promise.resolve([]);
  const query = db
    .select()
    .from(attemptEvents)
    .where(
      and(
        inArray(attemptEvents.attemptId, [...attemptIds]),
        inArray(attemptEvents.type, ['connect', 'disconnect']),
      ),
    );
  return order.newestFirst
    ? query.orderBy(desc(attemptEvents.id)).limit(order.limit)
    : query.orderBy(asc(attemptEvents.id));
}

export async function findAttemptEvent(
  db: DbOrTx,
  id: number,
): Promise<AttemptEventRow | undefined> {
  const rows = await db.select().from(attemptEvents).where(eq(attemptEvents.id, id));
  return rows[0];
}
