import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { answers, attemptParts, attempts } from '../../db/schema/delivery.js';
import type { AttemptStatusRecord, AttemptStatusSource } from '../sittings/index.js';
import type { AttemptPartRow } from './delivery.repo.js';

/** not-started | running | paused | submitted | expired | ended */
export function partStatusOf(part: AttemptPartRow): string {
  return (
    part.closedStatus ?? (part.startedAt ? (part.paused ? 'paused' : 'running') : 'not-started')
  );
}

/**
 * Where each enrolment's attempt stands, read from delivery's tables for the coordinator's
 * attempt-status export and roster (sittings receives it from app.ts rather than importing
 * delivery).
 */
export function createAttemptStatusReader(deps: { db: Db }): AttemptStatusSource {
  const { db } = deps;
  return {
    async statusByEnrolment(enrolmentIds) {
      const result = new Map<string, AttemptStatusRecord>();
      if (enrolmentIds.length === 0) return result;
      const rows = await db
        .select({ attempt: attempts, part: attemptParts })
        .from(attempts)
        .innerJoin(attemptParts, eq(attemptParts.attemptId, attempts.id))
        .where(inArray(attempts.enrolmentId, [...enrolmentIds]));
      const attemptIds = [...new Set(rows.map((r) => r.attempt.id))];
      const answered = new Map<string, number>();
      if (attemptIds.length > 0) {
        const counts = await db
          .select({ attemptId: answers.attemptId, n: count() })
          .from(answers)
          .where(and(inArray(answers.attemptId, attemptIds), isNotNull(answers.choice)))
          .groupBy(answers.attemptId);
        for (const c of counts) answered.set(c.attemptId, Number(c.n));
      }
      for (const { attempt, part } of rows) {
        const record = result.get(attempt.enrolmentId) ?? {
          answered: answered.get(attempt.id) ?? 0,
          parts: [],
        };
        record.parts.push({
          part: part.part === 2 ? 2 : 1,
          status: partStatusOf(part),
          startedAt: part.startedAt,
          closedAt: part.closedAt,
          closedReason: part.closedReason,
        });
        result.set(attempt.enrolmentId, record);
      }
      return result;
    },

    async attemptIdsByEnrolment(enrolmentIds) {
      if (enrolmentIds.length === 0) return new Map();
      const rows = await db
        .select({ id: attempts.id, enrolmentId: attempts.enrolmentId })
        .from(attempts)
        .where(inArray(attempts.enrolmentId, [...enrolmentIds]));
      return new Map(rows.map((r) => [r.enrolmentId, r.id]));
    },
  };
}
