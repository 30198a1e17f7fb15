import type { CurrentUser, FindReviewerResponse } from '@exam/shared/api';
import { programmeScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AuditService } from '../audit/index.js';
import type { GradingAppeals, ReviewAssignment } from '../grading/index.js';
import { waitingReason } from './appeal-rules.js';
import * as repo from './appeals.repo.js';

export interface ReviewAssignmentDeps {
  db: Db;
  audit: Pick<AuditService, 'append'>;
  grading: Pick<GradingAppeals, 'assignReviews' | 'loadPool' | 'awaitingReview'>;
}

export type AppealReviewers = ReturnType<typeof createReviewAssignment>;

const notFound = () => new AppError('NOT_FOUND', 'No such appeal.', 404);

/**
 * An accepted appeal whose Part Two response found no independent reviewer at acceptance (every
 * qualified grader had read it) waits; it gets one when the grader pool changes (grading runs
 * `assignWaiting` after each sweep) or when the coordinator presses "Find a reviewer". Both
 * assign under the appeal's row lock through grading's one rule, so independence is the same
 * as at acceptance, the reviewer gets the same queue entry, and two at once assign one reviewer.
 */
export function createReviewAssignment(deps: ReviewAssignmentDeps) {
  const { db } = deps;

  function audited(tx: DbOrTx, actorId: string | null, id: string, done: ReviewAssignment) {
    return deps.audit.append(tx, {
      actorId,
      action: 'appeals.reviewer_assigned',
      subjectType: 'appeal',
      subjectId: id,
      details: {
        assigned: done.assigned,
        waiting: done.unassigned.map((u) => u.code),
        by: actorId ? 'coordinator' : 'pool-change',
      },
    });
  }

  return {
    /** The coordinator's "Find a reviewer": 409 when none is needed, or still nobody is free. */
    async findReviewer(
      scope: Scope,
      actor: CurrentUser,
      id: string,
    ): Promise<FindReviewerResponse> {
      const found = await repo.findAppeal(db, scope, id);
      if (!found) throw notFound();
      const notAccepted = (status: string) =>
        new AppError(
          'ILLEGAL_TRANSITION',
          `The appeal is ${status}: only an accepted appeal is sent to review.`,
          409,
        );
      if (found.status !== 'accepted') throw notAccepted(found.status);
      if (!found.parts.includes('two'))
        throw new AppError(
          'ILLEGAL_TRANSITION',
          'This appeal asks for no Part Two review: it needs no reviewer.',
          409,
        );
      // Read before the transaction: one connection (PGlite) cannot read outside it meanwhile.
      const pool = await deps.grading.loadPool();
      return db.transaction(async (tx) => {
        const appeal = await repo.findAppeal(tx, scope, id, true);
        if (!appeal) throw notFound();
        if (appeal.status !== 'accepted') throw notAccepted(appeal.status);
        const done = await deps.grading.assignReviews(tx, appeal.attemptId, pool);
        if (done.assigned.length === 0 && done.unassigned.length === 0)
          throw new AppError(
            'APPEAL_REVIEWER_ASSIGNED',
            'Every response of this appeal already has an independent reviewer.',
            409,
          );
        if (done.assigned.length === 0)
          throw new AppError(
            'APPEAL_NO_REVIEWER',
            `Still nobody to review it. ${waitingReason(done.unassigned)}`,
            409,
          );
        await audited(tx, actor.id, id, done);
        return { assigned: done.assigned, waiting: done.unassigned.map((u) => u.code) };
      });
    },

    /** Every waiting appeal, in every association, tries again (after a change to the pool). */
    async assignWaiting(): Promise<void> {
      const accepted = await repo.acceptedWithPartTwo(db, programmeScope);
      if (accepted.length === 0) return;
      const waiting = await deps.grading.awaitingReview(accepted.map((a) => a.attemptId));
      const due = accepted.filter((a) => waiting.has(a.attemptId));
      if (due.length === 0) return;
      const pool = await deps.grading.loadPool();
      for (const { id } of due)
        await db.transaction(async (tx) => {
          const appeal = await repo.findAppeal(tx, programmeScope, id, true);
          if (appeal?.status !== 'accepted') return;
          const done = await deps.grading.assignReviews(tx, appeal.attemptId, pool);
          if (done.assigned.length > 0) await audited(tx, null, id, done);
        });
    },
  };
}
