import type { AnswerSave } from '@exam/shared/protocol';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError, type ErrorCode } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import type { AttemptContext } from './attempt-context.js';
import { lateChangeSummary } from './late-change-summary.js';
import * as repo from './late-changes.repo.js';
import * as partTwoRepo from './part-two.repo.js';
import { rescoreClosedPartOne } from './part-one-rescore.js';

export type LateChangeRow = repo.LateChangeRow;

/** The answer to a change that came too late: held (never an ack), or refused as any save is. */
export type LateResult =
  | { ok: true }
  | { ok: false; held?: false; code: ErrorCode; message: string }
  | { ok: false; held: true; code: 'LATE_HELD'; message: string };

/**
 * More late changes than any candidate makes offline (every question changed many times; the
 * client keeps one draft per vignette): past this a client is flooding, and is refused.
 */
export const MAX_LATE_CHANGES_PER_ATTEMPT = 1000;

const heldMessage =
  'This change reached us after time ran out. It is kept, and the proctor will decide whether it counts.';

export type LateChanges = ReturnType<typeof createLateChanges>;

/**
 * Held late changes: a save that arrives after its part's deadline and grace is stored here with
 * its evidence and answered LATE_HELD only after that commit, like an acknowledgement. Nothing
 * counts until a proctor or coordinator accepts it; accepting applies it exactly as if it had
 * been saved in time and scores the part again. Every hold and decision is audited.
 */
export function createLateChanges(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  loadContext(attemptId: string): Promise<AttemptContext>;
  /** The sitting's share lock: a decision and the release are serialised, never interleaved. */
  sittings: Pick<SittingResultsAccess, 'sittingOfEnrolment' | 'lockedStatus'>;
  /** Tells the candidate's screen its state changed (the welcome lists decisions). */
  announce(attemptId: string, reason: string): void;
}) {
  const { db } = deps;

  /** Holds a change once: a replay finds it held; a flood past the cap is refused. */
  async function store(context: AttemptContext, change: repo.NewLateChange): Promise<LateResult> {
    const outcome = await db.transaction(async (tx) => {
      if (await repo.findByKey(tx, change)) return 'held';
      if ((await repo.countForAttempt(tx, change.attemptId)) >= MAX_LATE_CHANGES_PER_ATTEMPT)
        return 'full';
      const row = await repo.hold(tx, change);
      if (!row) return 'held'; // a concurrent replay stored it first, and audited it
      await deps.audit.append(tx, {
        actorId: null,
        action: 'late_change.held',
        subjectType: 'attempt',
        subjectId: change.attemptId,
        details: {
          lateChangeId: row.id,
          part: change.part,
          kind: change.kind,
          position: change.position,
          seq: change.seq,
          summary: lateChangeSummary(change, context),
          clientClaimedAt: change.clientClaimedAt?.toISOString() ?? null,
          lastContactAt: change.lastContactAt?.toISOString() ?? null,
        },
      });
      return 'held';
    });
    if (outcome === 'full')
      return {
        ok: false,
        code: 'TOO_MANY_LATE_CHANGES',
        message: 'Too many changes arrived after time ran out; tell the proctor.',
      };
    return { ok: false, held: true, code: 'LATE_HELD', message: heldMessage };
  }

  /**
   * When an accepted change counts as made: its client's claim, kept inside the part's time (the
   * deadline when there is no claim or it is later; never before the part started). The decision
   * time stays on the late change and its audit entry only.
   */
  function appliedAt(row: LateChangeRow, context: AttemptContext): Date {
    const part = context.parts.get(row.part)?.row;
    const deadline = part?.deadlineAt?.getTime() ?? row.arrivedAt.getTime();
    let made = row.clientClaimedAt?.getTime() ?? deadline;
    if (made > deadline) made = deadline;
    const start = part?.startedAt?.getTime();
    if (start !== undefined && made < start) made = start;
    return new Date(made);
  }

  const claimOf = (madeAt: number | undefined) => (madeAt === undefined ? null : new Date(madeAt));

  /** Only a closed part keeps a result to correct; the sitting's key corrections still apply. */
  async function rescorePartOne(
    tx: DbOrTx,
    context: AttemptContext,
    sittingId: string | undefined,
  ): Promise<void> {
    await rescoreClosedPartOne(tx, context.attemptId, sittingId, context.items, context.cutScore);
  }

  return {
    /**
     * Holds a Part One save that came too late. A replay of a save stored in time is
     * acknowledged (its ack was lost); a sequence number used for other content is refused.
     */
    async holdAnswer(context: AttemptContext, save: AnswerSave): Promise<LateResult> {
      const same = (o: { position: number; choice: number | null; flagged: boolean }) =>
        o.position === save.position && o.choice === save.choice && o.flagged === save.flagged;
      const reused = {
        ok: false as const,
        code: 'SEQ_REUSED' as const,
        message: 'That sequence number was already used for a different change.',
      };
      const stored = await repo.findStoredSave(db, context.attemptId, save.seq);
      if (stored) return same(stored) ? { ok: true } : reused;
      const kept = await repo.findAnswerBySeq(db, context.attemptId, save.seq);
      if (kept) {
        const payload = kept.payload as { choice: number | null; flagged: boolean };
        if (!same({ position: kept.position, ...payload })) return reused;
      }
      return store(context, {
        attemptId: context.attemptId,
        part: 1,
        kind: 'answer',
        position: save.position,
        seq: save.seq,
        payload: { choice: save.choice, flagged: save.flagged },
        arrivedAt: deps.clock.now(),
        clientClaimedAt: claimOf(save.madeAt),
        lastContactAt: await repo.lastContact(db, context.attemptId),
      });
    },

    /** Holds a whole Part Two draft (already checked against the editor schema) that came too late. */
    async holdDraft(
      context: AttemptContext,
      draft: { vignette: number; revision: number; doc: unknown; words: number; madeAt?: number },
    ): Promise<LateResult> {
      // Stored in time already (its ack lost), or superseded: nothing to hold.
      if ((await repo.storedRevision(db, context.attemptId, draft.vignette)) >= draft.revision)
        return { ok: true };
      return store(context, {
        attemptId: context.attemptId,
        part: 2,
        kind: 'draft',
        position: draft.vignette,
        seq: draft.revision,
        payload: { doc: draft.doc, words: draft.words },
        arrivedAt: deps.clock.now(),
        clientClaimedAt: claimOf(draft.madeAt),
        lastContactAt: await repo.lastContact(db, context.attemptId),
      });
    },

    /** Holds a choice of vignettes (already checked against the set) that came too late. */
    async holdChoice(
      context: AttemptContext,
      choice: { revision: number; chosen: number[]; madeAt?: number },
    ): Promise<LateResult> {
      // Stored in time already (its ack lost), or superseded: nothing to hold.
      const stored = await partTwoRepo.loadChoice(db, context.attemptId);
      if ((stored?.revision ?? 0) >= choice.revision) return { ok: true };
      return store(context, {
        attemptId: context.attemptId,
        part: 2,
        kind: 'choice',
        position: 0,
        seq: choice.revision,
        payload: { chosen: choice.chosen },
        arrivedAt: deps.clock.now(),
        clientClaimedAt: claimOf(choice.madeAt),
        lastContactAt: await repo.lastContact(db, context.attemptId),
      });
    },

    /** Late changes of these attempts, limited to the scope's (a proctor's list, a coordinator's). */
    list: (scope: Scope, attemptIds: readonly string[]) =>
      repo.listByAttempts(db, scope, attemptIds),
    find: (scope: Scope, id: string) => repo.find(db, scope, id),
    heldCounts: (attemptIds: readonly string[]) => repo.heldCounts(db, attemptIds),

    /**
     * Accepts or declines a held change, once. Accepting applies it as if saved at its claim
     * (an answer: unless a later save of that question is stored, see applyAnswer) and scores
     * Part One again; either way who decided and why is kept and audited. A change outside the
     * scope answers NOT_FOUND before anything changes; the decision runs behind the scope's
     * row-level security.
     */
    async decide(
      scope: Scope,
      actorId: string,
      id: string,
      decision: 'accept' | 'decline',
      reason: string,
    ): Promise<LateChangeRow> {
      const found = await repo.find(db, scope, id);
      if (!found) throw new AppError('NOT_FOUND', 'No such late change.', 404);
      const context = await deps.loadContext(found.attemptId);
      const sittingId = await deps.sittings.sittingOfEnrolment(context.enrolmentId);
      const at = deps.clock.now();
      await withinScope(db, scope, async (tx) => {
        // Held to commit: a release waits for this decision, and sees it (results.service).
        const sittingStatus = sittingId ? await deps.sittings.lockedStatus(tx, sittingId) : null;
        if (sittingStatus === 'released')
          throw new AppError(
            'ALREADY_RELEASED',
            'Results for this sitting are released, so this late change can no longer be accepted or declined; it stays on record as held.',
            409,
          );
        const row = await repo.lock(tx, scope, id);
        if (!row || row.status !== 'held')
          throw new AppError('ALREADY_DECIDED', 'This late change was already decided.', 409);
        if (decision === 'accept') {
          const madeAt = appliedAt(row, context);
          if (row.kind === 'answer') {
            const payload = row.payload as { choice: number | null; flagged: boolean };
            await repo.applyAnswer(
              tx,
              { attemptId: row.attemptId, seq: row.seq, position: row.position, ...payload },
              madeAt,
            );
            await rescorePartOne(tx, context, sittingId);
          } else if (row.kind === 'choice') {
            const { chosen } = row.payload as { chosen: number[] };
            await repo.applyChoice(
              tx,
              { attemptId: row.attemptId, revision: row.seq, chosen },
              madeAt,
            );
          } else {
            const payload = row.payload as { doc: unknown; words: number };
            await repo.applyDraft(
              tx,
              { attemptId: row.attemptId, vignette: row.position, revision: row.seq, ...payload },
              madeAt,
              actorId,
            );
          }
        }
        const status = decision === 'accept' ? 'accepted' : 'declined';
        await repo.decide(tx, id, { status, by: actorId, at, reason });
        await deps.audit.append(tx, {
          actorId,
          action: `late_change.${status}`,
          subjectType: 'attempt',
          subjectId: row.attemptId,
          details: {
            lateChangeId: id,
            part: row.part,
            kind: row.kind,
            position: row.position,
            seq: row.seq,
            summary: lateChangeSummary(row, context),
            reason,
          },
        });
      });
      deps.announce(found.attemptId, 'a late change was decided');
      const decided = await repo.find(db, scope, id);
      return decided!;
    },
  };
}
