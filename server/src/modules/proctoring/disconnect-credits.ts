import type { RecordedDisconnect } from '@exam/shared/api';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { AfterCommit, AttemptContext, DeliveryService } from '../delivery/index.js';
import type { Cause } from './incident-ledger.js';
import { disconnectSpans, runningMsBetween } from './disconnects.js';
import { presentDisconnect } from './proctoring.presenters.js';
import * as repo from './proctoring.repo.js';

export type DisconnectCredits = ReturnType<typeof createDisconnectCredits>;

/** A disconnect that can be credited: the part whose clock ran while away, and for how long. */
export interface Creditable {
  disconnectId: number;
  part: 1 | 2;
  ms: number;
}

/**
 * A single candidate's disconnect is recorded but never credited automatically (a candidate
 * could fake one); a proctor credits it with a reason or the incident it answers, which the
 * ledger entry links as other clock actions do, so the incident report shows the credit. The
 * credit is the time the part's clock actually ran while the candidate was away, and each
 * disconnect can be credited once.
 */
export function createDisconnectCredits(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: Pick<DeliveryService, 'monitor' | 'recordClockEventIn'>;
}) {
  const { db, delivery } = deps;

  async function list(context: AttemptContext): Promise<RecordedDisconnect[]> {
    const events = await delivery.monitor.connectionEvents([context.attemptId]);
    const spans = disconnectSpans(events);
    const credits = await repo.creditsFor(
      db,
      spans.map((s) => s.id),
    );
    const now = deps.clock.now().getTime();
    return spans.map((span) => {
      let part: 1 | 2 | null = null;
      let runningMs = 0;
      for (const number of [1, 2] as const) {
        const state = context.parts.get(number);
        if (!state) continue;
        const closedAt = state.row.closedAt?.getTime() ?? null;
        const ms = runningMsBetween(state.events, closedAt, span.from, span.to ?? now);
        if (ms > runningMs) {
          part = number;
          runningMs = ms;
        }
      }
      const credit = credits.find((c) => c.disconnectEventId === span.id);
      return presentDisconnect(span, part, runningMs, credit);
    });
  }

  return {
    list,

    /**
     * The disconnect a proctor credits and the time it gives back, checked before anything is
     * written (so a refused credit records no incident): one of the candidate's, not yet
     * credited, over, and with time lost.
     */
    async creditable(context: AttemptContext, disconnectId: number): Promise<Creditable> {
      const found = (await list(context)).find((d) => d.id === disconnectId);
      if (!found) throw new AppError('NOT_FOUND', 'No such disconnect for this candidate.', 404);
      if (found.credit)
        throw new AppError('ALREADY_CREDITED', 'This disconnect was already credited.', 409);
      if (found.to === null) {
        throw new AppError(
          'STILL_DISCONNECTED',
          'The candidate has not reconnected yet; credit the time once they are back.',
          409,
        );
      }
      if (found.part === null || found.runningMs <= 0) {
        throw new AppError(
          'NOTHING_TO_CREDIT',
          'The clock was not running during this disconnect, so no time was lost.',
          409,
        );
      }
      return { disconnectId, part: found.part, ms: found.runningMs };
    },

    /**
     * The credit, its extra time on the part's clock and its audit entry, inside the caller's
     * transaction (behind the actor's scope, with the incident it answers): a clock that
     * refuses (the part closed meanwhile) or fails takes the credit back with it. What it
     * returns tells the candidate's screen once that transaction has committed.
     */
    async creditIn(
      tx: Tx,
      context: AttemptContext,
      credit: Creditable,
      cause: Cause,
      actorId: string,
    ): Promise<AfterCommit<unknown>> {
      const { disconnectId, part, ms } = credit;
      const { incidentId, reason } = cause;
      const creditId = await repo.insertCredit(tx, {
        disconnectEventId: disconnectId,
        attemptId: context.attemptId,
        part,
        ms,
        reason,
        creditedBy: actorId,
        creditedAt: deps.clock.now(),
      });
      if (!creditId)
        throw new AppError('ALREADY_CREDITED', 'This disconnect was already credited.', 409);
      const after = await delivery.recordClockEventIn(tx, context, part, {
        type: 'extend',
        ms,
        reason: `disconnect credit: ${reason}`,
        incidentId,
        actorId,
      });
      await deps.audit.append(tx, {
        actorId,
        action: 'disconnect.credited',
        subjectType: 'attempt',
        subjectId: context.attemptId,
        details: { disconnectId, part, ms, reason, incidentId },
      });
      return after;
    },
  };
}
