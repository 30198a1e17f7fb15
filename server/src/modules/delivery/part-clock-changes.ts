import type { CompetencyDomain } from '@exam/shared/domain';
import type { PartClock } from '@exam/shared/protocol';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { partClock, toClockEvents, type AttemptContext } from './attempt-context.js';
import type { AttemptLoader } from './attempt-loader.js';
import * as deliveryRepo from './delivery.repo.js';
import type { AttemptChange } from './delivery.service.js';
import type { PartTwo } from './part-two.service.js';
import { scorePartOne } from './scoring.js';

export type ClockChange = 'start' | 'pause' | 'resume' | 'extend';
export type PartNumber = 1 | 2;
/** Checks, inside a write's transaction, that the writer may still write (the leader's epoch). */
export type WriteFence = (tx: DbOrTx) => Promise<void>;

/**
 * What moves a part's clock for good: a ledger entry (start, pause, resume, extra time) and the
 * part's close (scored for Part One, folded for Part Two). Each locks the part and writes in one
 * transaction with its audit entry, then rereads the cached copy and tells the candidate's screen.
 */
export function createPartClockChanges(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  loader: Pick<AttemptLoader, 'loadContext' | 'refreshParts'>;
  partTwo: Pick<PartTwo, 'onClose'>;
  clockOf(context: AttemptContext, part: PartNumber): PartClock;
  changed(attemptId: string, change: AttemptChange): void;
}) {
  const { db, loader, partTwo, clockOf, changed } = deps;

  /** A person's write behind their scope's row-level security; the programme's as before. */
  const transactionIn = <T>(scope: Scope | undefined, work: (tx: Tx) => Promise<T>) =>
    scope ? withinScope(db, scope, work) : db.transaction(work);

  /** Writes a clock event, recomputes the cached deadline, and tells the candidate's screen. */
  async function recordClockEvent(
    context: AttemptContext,
    part: PartNumber,
    change: {
      type: ClockChange;
      ms?: number;
      reason: string;
      actorId: string | null;
      /** The incident a proctor's action answers; the ledger entry keeps the link. */
      incidentId?: string;
      /** The leader's epoch check, for background writes (outage credits). */
      fence?: WriteFence;
      /**
       * The acting person's scope: a proctor's or coordinator's action runs behind row-level
       * security too, so another association's attempt is refused by PostgreSQL as well.
       */
      scope?: Scope;
    },
  ): Promise<PartClock> {
    const now = deps.clock.now();
    await transactionIn(change.scope, async (tx) => {
      await change.fence?.(tx);
      const row = await deliveryRepo.lockPart(tx, context.attemptId, part);
      if (!row || row.closedAt) throw new AppError('PART_CLOSED', `Part ${part} is closed.`, 409);
      await deliveryRepo.insertClockEvent(tx, {
        attemptId: context.attemptId,
        part,
        type: change.type,
        at: now,
        ms: change.ms ?? null,
        reason: change.reason,
        actorId: change.actorId,
        incidentId: change.incidentId ?? null,
      });
      const events = toClockEvents(await deliveryRepo.loadClockEvents(tx, context.attemptId, part));
      const clock = partClock({ row, events }, now.getTime());
      await deliveryRepo.updatePartClock(tx, context.attemptId, part, {
        ...(change.type === 'start' ? { startedAt: now } : {}),
        deadlineAt: clock.deadline === null ? null : new Date(clock.deadline),
        paused: clock.status === 'paused',
      });
      await deps.audit.append(tx, {
        actorId: change.actorId,
        action: `clock.${change.type}`,
        subjectType: 'attempt',
        subjectId: context.attemptId,
        details: { part, ms: change.ms, reason: change.reason, incidentId: change.incidentId },
      });
    });
    await loader.refreshParts(context);
    const clock = clockOf(context, part);
    changed(context.attemptId, { kind: 'clock', clock, reason: change.reason });
    return clock;
  }

  async function closePart(
    attemptId: string,
    part: PartNumber,
    status: 'submitted' | 'expired' | 'ended',
    reason: string,
    actorId: string | null,
    incidentId?: string,
    options: { fence?: WriteFence; scope?: Scope } = {},
  ): Promise<boolean> {
    const context = await loader.loadContext(attemptId);
    const closed = await transactionIn(options.scope, async (tx) => {
      await options.fence?.(tx);
      const row = await deliveryRepo.lockPart(tx, attemptId, part);
      if (!row || row.closedAt) return false;
      // A termination goes on the ledger too, so the incident that caused it shows its effect.
      if (incidentId) {
        const at = deps.clock.now();
        await deliveryRepo.insertClockEvent(tx, {
          attemptId,
          part,
          type: 'end',
          at,
          reason,
          actorId,
          incidentId,
        });
      }
      let result: Record<string, unknown> | null = null;
      if (part === 1) {
        const answers = await deliveryRepo.loadAnswers(tx, attemptId);
        result = scorePartOne(
          context.items.map((item) => ({ ...item, domain: item.domain as CompetencyDomain })),
          new Map(answers.map((a) => [a.position, a.choice])),
          context.optionSeed,
          context.cutScore,
        );
      } else {
        await partTwo.onClose(tx, attemptId, actorId);
      }
      await deliveryRepo.closePart(tx, attemptId, part, {
        closedStatus: status,
        closedAt: deps.clock.now(),
        closedReason: reason,
        result,
      });
      await deps.audit.append(tx, {
        actorId,
        action: `part.${status}`,
        subjectType: 'attempt',
        subjectId: attemptId,
        details: { part, reason, incidentId },
      });
      return true;
    });
    await loader.refreshParts(context);
    if (closed) {
      changed(attemptId, { kind: 'closed', part, status, reason });
      if (part === 1) changed(attemptId, { kind: 'refresh', reason: 'Part Two is available' });
    }
    return closed;
  }

  return { recordClockEvent, closePart };
}
