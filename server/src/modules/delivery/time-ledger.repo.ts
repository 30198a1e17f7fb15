import { asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.js';
import { attempts, clockEvents, users } from '../../db/schema/index.js';

const candidate = alias(users, 'ledger_candidate');
const actor = alias(users, 'ledger_actor');

/**
 * Clock events with the candidate's enrolment and name and the actor's name, oldest first:
 * those of one attempt, or those any of these incidents caused.
 */
export function ledgerRows(
  db: DbOrTx,
  filter: { attemptId: string } | { incidentIds: readonly string[] },
) {
  return db
    .select({
      event: clockEvents,
      enrolmentId: attempts.enrolmentId,
      candidateName: candidate.displayName,
      actorName: actor.displayName,
    })
    .from(clockEvents)
    .innerJoin(attempts, eq(attempts.id, clockEvents.attemptId))
    .innerJoin(candidate, eq(candidate.id, attempts.candidateId))
    .leftJoin(actor, eq(actor.id, clockEvents.actorId))
    .where(
      'attemptId' in filter
        ? eq(clockEvents.attemptId, filter.attemptId)
        : inArray(clockEvents.incidentId, [...filter.incidentIds]),
    )
    .orderBy(asc(clockEvents.id));
}

export type LedgerRow = Awaited<ReturnType<typeof ledgerRows>>[number];
