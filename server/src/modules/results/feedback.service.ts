import type {
  ApproveFeedbackRequest,
  CurrentUser,
  EditFeedbackRequest,
  FeedbackReviewResponse,
} from '@exam/shared/api';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import {
  commentOfWith,
  feedbackBlockers,
  hasFeedback,
  reviewOf,
  type EditRow,
  type FeedbackSnapshot,
} from './feedback.compute.js';
import * as feedbackRepo from './feedback.repo.js';
import { candidateOutcomes, type CandidateOutcome } from './results.compute.js';
import type { SittingData } from './results.data.js';

export type FeedbackService = ReturnType<typeof createFeedbackService>;

/** What release needs from the review: its blocker, the approved comments, and a last check. */
export interface FeedbackForRelease {
  blockers: string[];
  commentOf: FeedbackSnapshot['commentOf'];
  edits: EditRow[];
}

const editsKey = (edits: readonly EditRow[]) =>
  JSON.stringify(edits.map((e) => [e.id, e.original, e.text, e.editedAt.getTime()]));

/**
 * The coordinator's review of the feedback candidates will read: shown as they will read it,
 * edited (the grader's text stays stored; each edit is audited with before and after) and
 * approved per candidate. Release refuses until every candidate's feedback is approved as it
 * then stands, and freezes exactly that text.
 */
export function createFeedbackService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  load: (scope: Scope, sittingId: string) => Promise<SittingData>;
  sittings: Pick<SittingResultsAccess, 'lockedStatus'>;
}) {
  const { db } = deps;

  async function snapshotOf(scope: Scope, data: SittingData, outcomes = candidateOutcomes(data)) {
    const [edits, approvals] = await Promise.all([
      feedbackRepo.editsOf(db, scope, data.sitting.id),
      feedbackRepo.approvalsOf(db, scope, data.sitting.id),
    ]);
    return { data, outcomes, edits, approvals, commentOf: commentOfWith(edits) };
  }

  /** The sitting's feedback as it stands; another association's sitting answers NOT_FOUND. */
  async function snapshot(scope: Scope, sittingId: string): Promise<FeedbackSnapshot> {
    return snapshotOf(scope, await deps.load(scope, sittingId));
  }

  function present(snapshot: FeedbackSnapshot): FeedbackReviewResponse {
    const { sitting } = snapshot.data;
    return {
      sitting: { id: sitting.id, name: sitting.name, status: sitting.status },
      candidates: reviewOf(snapshot),
    };
  }

  /** Runs `change` with the sitting share-locked and still before release. */
  function beforeRelease(scope: Scope, sittingId: string, change: (tx: DbOrTx) => Promise<void>) {
    return withinScope(db, scope, async (tx) => {
      const status = await deps.sittings.lockedStatus(tx, sittingId);
      if (status === 'released')
        throw new AppError('ALREADY_RELEASED', 'Results are released; feedback is fixed.', 409);
      await change(tx);
    });
  }

  function candidateIn(snapshot: FeedbackSnapshot, candidateId: string): CandidateOutcome {
    const outcome = snapshot.outcomes.find(
      (o) => o.row.candidateId === candidateId && hasFeedback(o),
    );
    if (!outcome)
      throw new AppError(
        'NOT_FOUND',
        'No candidate with feedback by that id in this sitting.',
        404,
      );
    return outcome;
  }

  return {
    async review(
      scope: Scope,
      actor: CurrentUser,
      sittingId: string,
    ): Promise<FeedbackReviewResponse> {
      const view = present(await snapshot(scope, sittingId));
      // Identity meets graders' comments here: record who looked.
      await db.transaction((tx) =>
        deps.audit.append(tx, {
          actorId: actor.id,
          action: 'results.feedback_reviewed',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: { candidates: view.candidates.length },
        }),
      );
      return view;
    },

    async edit(
      scope: Scope,
      actor: CurrentUser,
      sittingId: string,
      input: EditFeedbackRequest,
    ): Promise<FeedbackReviewResponse> {
      const before = await snapshot(scope, sittingId);
      const found = before.data.items.find(({ readings }) =>
        readings.some((r) => r.id === input.assignmentId),
      );
      const reading = found?.readings.find((r) => r.id === input.assignmentId);
      if (!found || !reading)
        throw new AppError('NOT_FOUND', 'No reading by that id in this sitting.', 404);
      if (!found.rubric.criteria.some((c) => c.id === input.criterionId))
        throw new AppError('NOT_FOUND', 'The rubric has no criterion by that id.', 404);
      if (found.item.status !== 'final' || reading.status !== 'submitted')
        throw new AppError(
          'FEEDBACK_NOT_FINAL',
          'This response is still being scored: its feedback can be edited once it is final.',
          409,
        );
      const original = reading.scores[input.criterionId]?.comment ?? '';
      if (original === '')
        throw new AppError('NO_COMMENT', 'The grader wrote no comment there to edit.', 409);
      const shown = before.commentOf(reading, input.criterionId);
      if (shown === input.text) return present(before);
      await beforeRelease(scope, sittingId, async (tx) => {
        if (input.text === original)
          await feedbackRepo.deleteEdit(tx, reading.id, input.criterionId);
        else
          await feedbackRepo.saveEdit(tx, {
            sittingId,
            itemId: found.item.id,
            assignmentId: reading.id,
            criterionId: input.criterionId,
            original,
            text: input.text,
            editedBy: actor.id,
            editedAt: deps.clock.now(),
          });
        // The grader's text is kept both in the reading and here, beside the before and after.
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'results.feedback_edited',
          subjectType: 'grading_item',
          subjectId: found.item.code,
          details: {
            sittingId,
            assignmentId: reading.id,
            criterionId: input.criterionId,
            original,
            before: shown,
            after: input.text,
          },
        });
      });
      return present(await snapshot(scope, sittingId));
    },

    async approve(
      scope: Scope,
      actor: CurrentUser,
      sittingId: string,
      input: ApproveFeedbackRequest,
    ): Promise<FeedbackReviewResponse> {
      const current = await snapshot(scope, sittingId);
      const review = new Map(reviewOf(current).map((c) => [c.candidateId, c]));
      // Every approval is checked before any is stored: all of them, or none.
      const rows = input.approvals.map(({ candidateId, fingerprint }) => {
        const outcome = candidateIn(current, candidateId);
        const seen = review.get(candidateId)!;
        if (seen.fingerprint === null)
          throw new AppError(
            'FEEDBACK_NOT_FINAL',
            `${seen.name}'s responses are still being scored: there is no final feedback to approve.`,
            409,
          );
        if (seen.fingerprint !== fingerprint)
          throw new AppError(
            'FEEDBACK_CHANGED',
            `${seen.name}'s feedback has changed since it was shown: reload, read it again, then approve.`,
            409,
          );
        return {
          attemptId: outcome.attempt!.attemptId,
          sittingId,
          fingerprint,
          approvedBy: actor.id,
          approvedAt: deps.clock.now(),
        };
      });
      // A candidate named twice is approved once.
      const unique = [...new Map(rows.map((r) => [r.attemptId, r])).values()];
      await beforeRelease(scope, sittingId, async (tx) => {
        await feedbackRepo.saveApprovals(tx, unique);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'results.feedback_approved',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: { approvals: input.approvals },
        });
      });
      return present(await snapshot(scope, sittingId));
    },

    /** The review as release sees it, from the same data release freezes. */
    async forRelease(
      scope: Scope,
      data: SittingData,
      outcomes: CandidateOutcome[],
    ): Promise<FeedbackForRelease> {
      const current = await snapshotOf(scope, data, outcomes);
      return {
        blockers: feedbackBlockers(current),
        commentOf: current.commentOf,
        edits: current.edits,
      };
    },

    /**
     * Inside the release transaction, after the sitting row is locked by marking it released:
     * an edit committed since release read the feedback would otherwise be lost unseen.
     */
    async assertUnchanged(tx: DbOrTx, scope: Scope, sittingId: string, seen: FeedbackForRelease) {
      if (editsKey(await feedbackRepo.editsOf(tx, scope, sittingId)) !== editsKey(seen.edits))
        throw new AppError(
          'FEEDBACK_CHANGED',
          'Feedback was edited while releasing: reload, approve it again, then release.',
          409,
        );
    },
  };
}
