import type { Db } from '../../db/client.js';
import type { AttemptStatusRecord, AttemptStatusSource } from '../sittings/index.js';
import * as readsRepo from './delivery-reads.repo.js';
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
      const rows = await readsRepo.attemptsWithParts(db, enrolmentIds);
      const attemptIds = [...new Set(rows.map((r) => r.attempt.id))];
      const answered = await readsRepo.answeredCounts(db, attemptIds);
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

    attemptIdsByEnrolment(enrolmentIds) {
      return readsRepo.attemptIdsByEnrolment(db, enrolmentIds);
    },
  };
}
