import type { RecordedDisconnect } from '@exam/shared/api';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { AttemptContext, DeliveryService } from '../delivery/index.js';
import { disconnectSpans, runningMsBetween } from './disconnects.js';
import { presentDisconnect } from './proctoring.presenters.js';
import * as repo from './proctoring.repo.js';

export type DisconnectCredits = ReturnType<typeof createDisconnectCredits>;

/**
 * A single candidate's disconnect is recorded but never credited automatically (a candidate
 * could fake one); a proctor credits it with a reason or the incident it answers, which the
 * ledger entry links as other clock actions do, so the incident report shows the credit. The credit is the time the part's clock
 * actually ran while the candidate was away, and each disconnect can be credited once.
 */
export function createDisconnectCredits(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: Pick<DeliveryService, 'monitor' | 'recordClockEvent' | 'clockOf'>;
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

    async credit(
      context: AttemptContext,
      disconnectId: number,
      /** The incident the credit answers and its words, once the credit is known possible. */
      causeOf: () => Promise<{ incidentId: string; reason: string }>,
      actorId: string,
      scope: Scope,
    ): Promise<{ incidentId: string }> {
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
      const part = found.part;
      const { incidentId, reason } = await causeOf();
      // Behind the actor's row-level security, as the clock event below.
      const creditId = await withinScope(db, scope, (tx) =>
        repo.insertCredit(tx, {
          disconnectEventId: disconnectId,
          attemptId: context.attemptId,
          part,
          ms: found.runningMs,
          reason,
          creditedBy: actorId,
          creditedAt: deps.clock.now(),
        }),
      );
      if (!creditId)
        throw new AppError('ALREADY_CREDITED', 'This disconnect was already credited.', 409);
      try {
        await delivery.recordClockEvent(context, part, {
          type: 'extend',
          ms: found.runningMs,
          reason: `disconnect credit: ${reason}`,
          incidentId,
          actorId,
          scope,
        });
      } catch (error) {
        // The clock refused (e.g. the part closed meanwhile): the credit did not happen.
        await repo.deleteCredit(db, creditId);
        throw error;
      }
      await withinScope(db, scope, (tx) =>
        deps.audit.append(tx, {
          actorId,
          action: 'disconnect.credited',
          subjectType: 'attempt',
          subjectId: context.attemptId,
          details: { disconnectId, part, ms: found.runningMs, reason, incidentId },
        }),
      );
      return { incidentId };
    },
  };
}
