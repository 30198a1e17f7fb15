import type {
  AppealRequest,
  CurrentUser,
  DecideAppealRequest,
  TriageAppealRequest,
} from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import { formOfAttempt, rescoreClosedPartOne } from '../delivery/index.js';
import type { GradingAppeals, StoredFinal } from '../grading/index.js';
import type { ResultsAppeals } from '../results/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { settingsFrom, withinWindow } from './appeal-rules.js';
import * as repo from './appeals.repo.js';
import type { AppealRow } from './appeals.repo.js';

export interface AppealsDeps {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  forms: Pick<BankService, 'formItems'>;
  sittings: Pick<SittingResultsAccess, 'getSitting'>;
  grading: Pick<GradingAppeals, 'responses' | 'assignReviews' | 'applyReviews' | 'loadPool'>;
  results: Pick<ResultsAppeals, 'ofCandidate' | 'ofAttempt' | 'recompute' | 'replace'>;
  /**
   * Tells the candidate of a decision, inside the transaction that records it (notify.ts: the
   * integrator wires it to mail's outbox, which queues in the caller's transaction).
   */
  notify: (tx: DbOrTx, appeal: AppealRow) => Promise<void>;
}

const notFound = () => new AppError('NOT_FOUND', 'No such appeal.', 404);
const wrongState = (status: string, what: string) =>
  new AppError('ILLEGAL_TRANSITION', `The appeal is ${status}: it cannot be ${what} now.`, 409);

function figures(r: { correct: number; total: number; cutScore: number; passed: boolean } | null) {
  return r ? { correct: r.correct, total: r.total, cutScore: r.cutScore, passed: r.passed } : null;
}

export type AppealsService = ReturnType<typeof createAppealsService>;

/**
 * Appeals' state changes: a candidate's request within the window, the coordinator's triage
 * (accepting runs the Part One key check and sends each Part Two response to an independent
 * review reader), and the decision, which revises the released result when it changes it.
 * Every change is audited in its transaction.
 */
export function createAppealsService(deps: AppealsDeps) {
  const { db } = deps;

  function audit(
    tx: DbOrTx,
    actorId: string | null,
    action: string,
    subjectId: string,
    details: object,
  ) {
    return deps.audit.append(tx, {
      actorId,
      action,
      subjectType: 'appeal',
      subjectId,
      details: { ...details },
    });
  }

  async function settingsFor(associationId: string) {
    return settingsFrom((await repo.settingsOf(db, [associationId])).get(associationId));
  }

  return {
    async request(candidate: CurrentUser, input: AppealRequest): Promise<AppealRow> {
      const released = (await deps.results.ofCandidate(candidate.id)).find(
        (r) => r.attemptId === input.attemptId,
      );
      // Another candidate's attempt reads as one never released to this candidate.
      if (!released)
        throw new AppError('NOT_FOUND', 'No released result of yours has that id.', 404);
      const sitting = await deps.sittings.getSitting(db, released.sittingId);
      if (!sitting)
        throw new AppError('NOT_FOUND', 'No released result of yours has that id.', 404);
      const now = deps.clock.now();
      if (!withinWindow(now, released.releasedAt, await settingsFor(sitting.associationId)))
        throw new AppError(
          'APPEAL_WINDOW_CLOSED',
          'The time to ask for a review of this result has passed.',
          409,
        );
      const parts = [...new Set(input.parts)].sort();
      return db.transaction(async (tx) => {
        const saved = await repo.insertAppeal(tx, {
          associationId: sitting.associationId,
          sittingId: sitting.id,
          attemptId: released.attemptId,
          candidateId: candidate.id,
          parts,
          grounds: input.grounds,
          status: 'requested',
          statusSince: now,
          requestedAt: now,
        });
        if (!saved)
          throw new AppError(
            'APPEAL_ALREADY_OPEN',
            'You have already asked for a review of this result.',
            409,
          );
        await audit(tx, candidate.id, 'appeals.requested', saved.id, {
          attemptId: saved.attemptId,
          parts,
        });
        return saved;
      });
    },

    async triage(scope: Scope, actor: CurrentUser, id: string, input: TriageAppealRequest) {
      const found = await repo.findAppeal(db, scope, id);
      if (!found) throw notFound();
      const sitting = await deps.sittings.getSitting(db, found.sittingId);
      const items =
        found.parts.includes('one') && sitting
          ? await formOfAttempt(db, found.attemptId).then((formId) =>
              formId ? deps.forms.formItems(formId) : [],
            )
          : [];
      // Read before the transaction: one connection (PGlite) cannot read outside it meanwhile.
      const pool = found.parts.includes('two') ? await deps.grading.loadPool() : undefined;
      const at = deps.clock.now();
      await db.transaction(async (tx) => {
        const appeal = await repo.findAppeal(tx, scope, id, true);
        if (!appeal) throw notFound();
        if (appeal.status !== 'requested') throw wrongState(appeal.status, 'triaged');
        if (input.decision === 'decline') {
          await repo.updateAppeal(tx, id, {
            status: 'declined',
            statusSince: at,
            declineReason: input.reason,
            triagedAt: at,
            triagedBy: actor.id,
          });
          await audit(tx, actor.id, 'appeals.declined', id, { reason: input.reason });
          await deps.notify(tx, { ...appeal, status: 'declined' });
          return { ...appeal, status: 'declined' };
        }
        let partOneCheck: Record<string, unknown> | null = null;
        if (appeal.parts.includes('one') && sitting && items.length > 0) {
          // The key check: Part One scored again from the stored answers with the form's key
          // and the sitting's corrections, exactly as a key correction scores it.
          const rescored = await rescoreClosedPartOne(
            tx,
            appeal.attemptId,
            sitting.id,
            items,
            sitting.cutScore,
          );
          if (rescored)
            partOneCheck = { before: figures(rescored.before), after: figures(rescored.after) };
        }
        // A response nobody independent can review yet waits (review-assignment.ts retries it).
        const reviews = pool ? await deps.grading.assignReviews(tx, appeal.attemptId, pool) : null;
        const unassigned = reviews?.unassigned.map((u) => u.code) ?? [];
        await repo.updateAppeal(tx, id, {
          status: 'accepted',
          statusSince: at,
          triagedAt: at,
          triagedBy: actor.id,
          partOneCheck,
        });
        await audit(tx, actor.id, 'appeals.accepted', id, { partOneCheck, unassigned });
        return { ...appeal, status: 'accepted' };
      });
    },

    async decide(scope: Scope, actor: CurrentUser, id: string, input: DecideAppealRequest) {
      const appeal = await repo.findAppeal(db, scope, id);
      if (!appeal) throw notFound();
      if (appeal.status !== 'accepted') throw wrongState(appeal.status, 'decided');
      const reviews = appeal.parts.includes('two')
        ? await deps.grading.responses(appeal.attemptId)
        : [];
      if (reviews.some((r) => r.review !== 'submitted'))
        throw new AppError(
          'APPEAL_REVIEWS_PENDING',
          'Every independent review must be in first.',
          409,
        );
      const released = await deps.results.ofAttempt(db, appeal.attemptId);
      if (!released) throw notFound();
      const at = deps.clock.now();
      let revised: Awaited<ReturnType<ResultsAppeals['recompute']>> | null = null;
      if (input.outcome === 'changed') {
        const finals = new Map<string, StoredFinal>();
        for (const r of reviews) if (r.reviewFinal) finals.set(r.itemId, r.reviewFinal);
        const next = await deps.results.recompute(
          scope,
          appeal.sittingId,
          appeal.attemptId,
          finals,
          released.releasedAt,
        );
        revised = {
          ...next,
          revised: { at: at.toISOString(), reason: `Your appeal: ${input.reply}` },
        };
      }
      await db.transaction(async (tx) => {
        const locked = await repo.findAppeal(tx, scope, id, true);
        if (locked?.status !== 'accepted') throw wrongState(locked?.status ?? 'gone', 'decided');
        if (revised) {
          if (appeal.parts.includes('two')) await deps.grading.applyReviews(tx, appeal.attemptId);
          await deps.results.replace(tx, appeal.attemptId, revised);
          await deps.audit.append(tx, {
            actorId: actor.id,
            action: 'results.revised',
            subjectType: 'attempt',
            subjectId: appeal.attemptId,
            details: {
              appealId: id,
              before: {
                passed: released.result.passed,
                partOne: figures(released.result.partOne),
                partTwo: released.result.partTwo.passed,
              },
              after: {
                passed: revised.passed,
                partOne: figures(revised.partOne),
                partTwo: revised.partTwo.passed,
              },
            },
          });
        }
        await repo.updateAppeal(tx, id, {
          status: 'decided',
          statusSince: at,
          outcome: input.outcome,
          reply: input.reply,
          decidedAt: at,
          decidedBy: actor.id,
          ...(revised
            ? {
                previousResult: released.result as unknown as Record<string, unknown>,
                revisedResult: revised as unknown as Record<string, unknown>,
              }
            : {}),
        });
        await audit(tx, actor.id, 'appeals.decided', id, { outcome: input.outcome });
        await deps.notify(tx, { ...appeal, status: 'decided' });
      });
    },
  };
}
