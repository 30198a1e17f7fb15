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
/** What follows a write once its transaction has committed: the copy reread, the screen told. */
export type AfterCommit<T> = () => Promise<T>;

export interface ClockEventChange {
  type: ClockChange;
  ms?: number;
  reason: string;
  actorId: string | null;
  /** The incident a proctor's action answers; the ledger entry keeps the link. */
  incidentId?: string;
  /**
   * The status the clock must still have under the part's lock (a pause needs a running
   * clock). The caller decided on its cached copy, which another instance may have changed
   * since: then the change is refused (CONFLICT) rather than written on top.
   */
  expect?: PartClock['status'];
}

export interface PartClose {
  status: 'submitted' | 'expired' | 'ended';
  reason: string;
  actorId: string | null;
  /** The incident a proctor's termination answers: the close goes on the ledger with it. */
  incidentId?: string;
}

/**
 * What moves a part's clock for good: a ledger entry (start, pause, resume, extra time) and the
 * part's close (scored for Part One, folded for Part Two). Each locks the part and writes with
 * its audit entry, then, once committed, rereads the cached copy and tells the candidate's
 * screen. The `...In` forms write inside the caller's transaction, so a proctor's action
 * commits with the incident it records (proctoring); they take the part's lock before the
 * audit chain's, as every writer does (start-writer.ts).
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

  /**
   * Writes a clock event and the cached deadline inside the caller's transaction (which sets
   * the actor's scope when a person acts); what it returns rereads the copy and tells the
   * candidate's screen, once that transaction has committed.
   */
  async function recordClockEventIn(
    tx: Tx,
    context: AttemptContext,
    part: PartNumber,
    change: ClockEventChange,
  ): Promise<AfterCommit<PartClock>> {
    const now = deps.clock.now();
    const row = await deliveryRepo.lockPart(tx, context.attemptId, part);
    if (!row || row.closedAt) throw new AppError('PART_CLOSED', `Part ${part} is closed.`, 409);
    if (change.expect) {
      const before = toClockEvents(await deliveryRepo.loadClockEvents(tx, context.attemptId, part));
      if (partClock({ row, events: before }, now.getTime()).status !== change.expect)
        throw new AppError('CONFLICT', `Part ${part}'s clock changed meanwhile; try again.`, 409);
    }
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
    return async () => {
      await loader.refreshParts(context);
      const told = clockOf(context, part);
      changed(context.attemptId, { kind: 'clock', clock: told, reason: change.reason });
      return told;
    };
  }

  /** Writes a clock event in its own transaction, recomputes the deadline, tells the screen. */
  async function recordClockEvent(
    context: AttemptContext,
    part: PartNumber,
    change: ClockEventChange & {
      /** The leader's epoch check, for background writes (outage credits). */
      fence?: WriteFence;
      /**
       * The acting person's scope: a proctor's or coordinator's action runs behind row-level
       * security too, so another association's attempt is refused by PostgreSQL as well.
       */
      scope?: Scope;
    },
  ): Promise<PartClock> {
    const after = await transactionIn(change.scope, async (tx) => {
      await change.fence?.(tx);
      return recordClockEventIn(tx, context, part, change);
    });
    return after();
  }

  /**
   * Closes those of `parts` still open, inside the caller's transaction. Every part is locked
   * first, in part order, and the audit entries are appended last: a close of both parts must
   * not hold the audit chain's lock while it waits for a part a batch of starts holds, since
   * that batch takes the chain's lock after its parts (start-writer.ts). The parts it closed,
   * and what to do once the transaction has committed.
   */
  async function closePartsIn(
    tx: Tx,
    context: AttemptContext,
    parts: readonly PartNumber[],
    close: PartClose,
  ): Promise<{ closed: PartNumber[]; after: AfterCommit<void> }> {
    const { attemptId } = context;
    const closed: PartNumber[] = [];
    for (const part of [...parts].sort()) {
      const row = await deliveryRepo.lockPart(tx, attemptId, part);
      if (row && !row.closedAt) closed.push(part);
    }
    for (const part of closed) await closeLocked(tx, context, part, close);
    for (const part of closed) {
      await deps.audit.append(tx, {
        actorId: close.actorId,
        action: `part.${close.status}`,
        subjectType: 'attempt',
        subjectId: attemptId,
        details: { part, reason: close.reason, incidentId: close.incidentId },
      });
    }
    const after = async () => {
      await loader.refreshParts(context);
      for (const part of closed) {
        changed(attemptId, { kind: 'closed', part, status: close.status, reason: close.reason });
        if (part === 1) changed(attemptId, { kind: 'refresh', reason: 'Part Two is available' });
      }
    };
    return { closed, after };
  }

  /** A locked, open part's close: its ledger entry for a termination, its score or fold. */
  async function closeLocked(tx: Tx, context: AttemptContext, part: PartNumber, close: PartClose) {
    const { attemptId } = context;
    // A termination goes on the ledger too, so the incident that caused it shows its effect.
    if (close.incidentId) {
      await deliveryRepo.insertClockEvent(tx, {
        attemptId,
        part,
        type: 'end',
        at: deps.clock.now(),
        reason: close.reason,
        actorId: close.actorId,
        incidentId: close.incidentId,
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
      await partTwo.onClose(tx, attemptId, close.actorId);
    }
    await deliveryRepo.closePart(tx, attemptId, part, {
      closedStatus: close.status,
      closedAt: deps.clock.now(),
      closedReason: close.reason,
      result,
    });
  }

  /** Closes one part in its own transaction; false when it was already closed. */
  async function closePart(
    attemptId: string,
    part: PartNumber,
    status: PartClose['status'],
    reason: string,
    actorId: string | null,
    incidentId?: string,
    options: { fence?: WriteFence; scope?: Scope } = {},
  ): Promise<boolean> {
    const context = await loader.loadContext(attemptId);
    const { closed, after } = await transactionIn(options.scope, async (tx) => {
      await options.fence?.(tx);
      return closePartsIn(tx, context, [part], {
        status,
        reason,
        actorId,
        ...(incidentId ? { incidentId } : {}),
      });
    });
    await after();
    return closed.length > 0;
  }

  return { recordClockEvent, recordClockEventIn, closePart, closePartsIn };
}
