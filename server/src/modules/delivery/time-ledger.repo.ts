import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { attempts, clockEvents } from '../../db/schema/delivery.js';

/**
 * Clock events with the candidate's enrolment and user id, oldest first: those of one attempt,
 * or those any of these incidents caused. Names come from auth (delivery does not read users).
 */
export function ledgerRows(
  db: DbOrTx,
  filter: { attemptId: string } | { incidentIds: readonly string[] },
) {
  return db
    .select({
      event: clockEvents,
      enrolmentId: attempts.enrolmentId,
      candidateId: attempts.candidateId,
    })
    .from(clockEvents)
    .innerJoin(attempts, eq(attempts.id, clockEvents.attemptId))
    .where(
      'attemptId' in filter
        ? eq(clockEvents.attemptId, filter.attemptId)
        : inArray(clockEvents.incidentId, [...filter.incidentIds]),
    )
    .orderBy(asc(clockEvents.id));
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];
