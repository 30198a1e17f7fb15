import type { CurrentUser, SittingClock, SittingClockOverride } from '@exam/shared/api';
import { associationScope, withinScope, type Scope } from '../../db/association-scope.js';
import { AppError } from '../../lib/app-error.js';
import { associationRulesOf } from '../auth/index.js';
import * as enrolmentsRepo from './enrolments.repo.js';
import * as sittingsRepo from './sittings.repo.js';
import { clockedSittings } from './sitting-clock.repo.js';
import { isDueToClose, isDueToOpen, isLate, sittingTimes } from './sitting-clock.rules.js';
import type { SittingsDeps } from './sittings.deps.js';
import type { SittingsService } from './sittings.service.js';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
/** Parts still being worked on: the sitting waits for them (the sweeper closes them on time). */
const working = new Set(['running', 'paused']);

export type SittingClockService = ReturnType<typeof createSittingClock>;

/**
 * The sitting's clock: check-in (the sitting opening) and the end (the sitting closing) move on
 * the server's clock, through the same audited transitions a coordinator's click uses. Only the
 * leader runs it; a second instance that raced it meets the row lock and the state machine
 * (ILLEGAL_TRANSITION) and changes nothing. A proctor or coordinator overrides with a reason.
 */
export function createSittingClock(
  deps: Pick<SittingsDeps, 'db' | 'clock' | 'audit' | 'attempts'> & {
    schedule: Pick<SittingsService, 'transitionSitting'>;
    leadership?: { isLeader(): boolean };
    log?: (message: string, details?: Record<string, unknown>) => void;
  },
) {
  const { db } = deps;

  async function timesOf(row: sittingsRepo.SittingRow) {
    const rules = (await associationRulesOf(db, [row.associationId])).get(row.associationId);
    if (!rules) throw new AppError('NOT_FOUND', 'No such association.', 404);
    return sittingTimes(row, rules);
  }

  async function stillWorking(row: sittingsRepo.SittingRow): Promise<boolean> {
    const enrolled = await enrolmentsRepo.enrolmentsOf(
      db,
      associationScope(row.associationId),
      row.id,
    );
    const status = await deps.attempts.statusByEnrolment(enrolled.map((e) => e.id));
    return [...status.values()].some((r) => r.parts.some((p) => working.has(p.status)));
  }

  async function move(row: sittingsRepo.SittingRow, to: 'open' | 'closed'): Promise<boolean> {
    try {
      await deps.schedule.transitionSitting(
        { id: null },
        associationScope(row.associationId),
        row.id,
        to,
        { by: 'clock' },
      );
      return true;
    } catch (error) {
      // Not ready to open (no form yet) or already moved by another instance: try again next run.
      deps.log?.('sitting clock could not move a sitting', {
        sittingId: row.id,
        to,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  async function findOrThrow(scope: Scope, sittingId: string) {
    const row = await sittingsRepo.findSitting(db, scope, sittingId);
    if (!row) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    return row;
  }

  async function present(row: sittingsRepo.SittingRow): Promise<SittingClock> {
    const times = await timesOf(row);
    return {
      sittingId: row.id,
      status: row.status,
      checkInOpensAt: iso(times?.checkInOpensAt),
      startsAt: iso(times?.startsAt),
      lateCutoffAt: iso(times?.lateCutoffAt),
      closesAt: iso(times?.closesAt),
      heldUntil: iso(row.clockHeldUntil),
    };
  }

  return {
    /** Opens and closes what is due now; returns how many sittings moved. */
    async runDue(): Promise<number> {
      if (deps.leadership && !deps.leadership.isLeader()) return 0;
      const now = deps.clock.now();
      let moved = 0;
      for (const row of await clockedSittings(db)) {
        const times = await timesOf(row);
        if (!times) continue;
        if (row.status === 'scheduled' && isDueToOpen(times, now)) {
          moved += (await move(row, 'open')) ? 1 : 0;
        } else if (
          row.status === 'open' &&
          isDueToClose(times, now) &&
          !(await stillWorking(row))
        ) {
          moved += (await move(row, 'closed')) ? 1 : 0;
        }
      }
      return moved;
    },

    async clockOf(scope: Scope, sittingId: string): Promise<SittingClock> {
      return present(await findOrThrow(scope, sittingId));
    },

    /** Whether a candidate arriving at `at` is past the late cutoff of their sitting. */
    async isLateArrival(scope: Scope, sittingId: string, at: Date): Promise<boolean> {
      const times = await timesOf(await findOrThrow(scope, sittingId));
      return times !== null && isLate(times, at);
    },

    /** A person's override, with a reason: the move or hold and its reason are audited. */
    async override(
      actor: Pick<CurrentUser, 'id'>,
      scope: Scope,
      sittingId: string,
      input: SittingClockOverride,
    ): Promise<SittingClock> {
      const row = await findOrThrow(scope, sittingId);
      if (input.action === 'open' || input.action === 'close') {
        const to = input.action === 'open' ? 'open' : 'closed';
        await deps.schedule.transitionSitting(actor, scope, sittingId, to, {
          by: 'override',
          reason: input.reason,
        });
        return present(await findOrThrow(scope, sittingId));
      }
      const until = input.action === 'hold' ? new Date(input.until) : null;
      const updated = await withinScope(db, scope, async (tx) => {
        const next = await sittingsRepo.updateSitting(tx, scope, sittingId, {
          clockHeldUntil: until,
          updatedAt: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: input.action === 'hold' ? 'sitting.clock-hold' : 'sitting.clock-release',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: { reason: input.reason, from: iso(row.clockHeldUntil), until: iso(until) },
        });
        return next;
      });
      return present(updated);
    },
  };
}
