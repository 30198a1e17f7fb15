import type { Db, DbOrTx } from '../../db/client.js';
import type { StoredFinal, StoredScores } from '../../db/schema/grading.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { queueOrderKey } from './codes.js';
import * as itemsRepo from './items.repo.js';
import type { Routing } from './routing.js';
import * as rubricsRepo from './rubrics.repo.js';
import { adjudicatedFinal } from './scoring-rules.js';

/** One response of an appealed attempt and where its independent review stands. */
export interface ReviewedResponse {
  itemId: string;
  code: string;
  vignette: number;
  variant: string;
  /** The final score the result was released with. */
  final: StoredFinal | null;
  /** none: no qualified grader was free of this response; assigned, draft or submitted. */
  review: 'none' | 'assigned' | 'draft' | 'submitted';
  /** The review's scores, once submitted, as a final score would read. */
  reviewFinal: StoredFinal | null;
  /** The review's evidence comments per criterion (for the coordinator's reply). */
  reviewScores: StoredScores | null;
}

/** What one pass of review assignment did: codes given a reader, and those still waiting. */
export interface ReviewAssignment {
  assigned: string[];
  unassigned: { code: string; variant: string }[];
}

export type GradingAppeals = ReturnType<typeof createGradingAppeals>;

/**
 * Grading's side of an appeal (appeals reach grading only through this): an independent review
 * of each Part Two response by a grader qualified for it who never read it, kept as a reading
 * of role `review` that its grader sees as an ordinary first reading; and, when the appeal
 * changes the result, the review's scores as the response's final score.
 */
export function createGradingAppeals(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  routing: Pick<Routing, 'loadPool' | 'eligible' | 'afterSweep'>;
}) {
  const { db } = deps;

  async function responses(tx: DbOrTx, attemptId: string): Promise<ReviewedResponse[]> {
    const items = await itemsRepo.itemsOfAttempts(tx, [attemptId]);
    const readings = await itemsRepo.assignmentsOf(
      tx,
      items.map((i) => i.id),
    );
    const out: ReviewedResponse[] = [];
    for (const item of items) {
      const review = readings.find((r) => r.itemId === item.id && r.role === 'review');
      const rubric = await rubricsRepo.findRubric(tx, item.rubricId);
      const criterionIds = rubric?.criteria.map((c) => c.id) ?? [];
      const submitted = review?.status === 'submitted';
      out.push({
        itemId: item.id,
        code: item.code,
        vignette: item.vignette,
        variant: item.variant,
        final: item.final,
        review: review ? (review.status as ReviewedResponse['review']) : 'none',
        reviewFinal: submitted
          ? { ...adjudicatedFinal(review.scores, criterionIds), method: 'review' }
          : null,
        reviewScores: submitted ? review.scores : null,
      });
    }
    return out;
  }

  return {
    responses: (attemptId: string, tx: DbOrTx = db) => responses(tx, attemptId),

    /** The graders routing can choose from; read before the caller's transaction opens. */
    loadPool: () => deps.routing.loadPool(),

    /** Of these attempts, those with a response that has no review reader yet. */
    async awaitingReview(attemptIds: readonly string[]): Promise<Set<string>> {
      const items = await itemsRepo.itemsOfAttempts(db, attemptIds);
      const reviewed = new Set(
        (
          await itemsRepo.assignmentsOf(
            db,
            items.map((i) => i.id),
          )
        )
          .filter((r) => r.role === 'review')
          .map((r) => r.itemId),
      );
      return new Set(items.filter((i) => !reviewed.has(i.id)).map((i) => i.attemptId));
    },

    /**
     * Runs `retry` after every routing sweep: each change to the grader pool (a grader's
     * variants, a qualification, a lifted pause) sweeps, and so does the periodic timer.
     */
    onPoolChanged: (retry: () => Promise<void>) => deps.routing.afterSweep(retry),

    /**
     * Gives each of the attempt's responses that has no review reader yet to one: qualified for
     * its variant, free of conflicts, and never one of its earlier readers (first, third or
     * review). The least loaded first, ties broken by the stable hash, as routing does. The
     * caller holds the appeal's lock, so two callers at once assign one reader per response.
     * Returns the codes given a reader now, and those that found nobody (they wait).
     */
    async assignReviews(
      tx: DbOrTx,
      attemptId: string,
      pool: Awaited<ReturnType<Routing['loadPool']>>,
    ): Promise<ReviewAssignment> {
      const items = await itemsRepo.itemsOfAttempts(tx, [attemptId]);
      const assigned: string[] = [];
      const unassigned: ReviewAssignment['unassigned'] = [];
      for (const item of items) {
        const readings = await itemsRepo.assignmentsOf(tx, [item.id]);
        if (readings.some((r) => r.role === 'review')) continue;
        const load = await itemsRepo.loadBySitting(tx, item.sittingId);
        const previous = new Set(readings.map((r) => r.graderId));
        const [chosen] = (await deps.routing.eligible(tx, pool, item, previous)).sort(
          (a, b) =>
            (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) ||
            queueOrderKey(a.id, item.id).localeCompare(queueOrderKey(b.id, item.id)),
        );
        if (!chosen) {
          unassigned.push({ code: item.code, variant: item.variant });
          continue;
        }
        assigned.push(item.code);
        await itemsRepo.insertAssignment(tx, {
          itemId: item.id,
          graderId: chosen.id,
          role: 'review',
          orderKey: queueOrderKey(chosen.id, item.id),
          assignedAt: deps.clock.now(),
        });
        await deps.audit.append(tx, {
          actorId: null,
          action: 'grading.assigned',
          subjectType: 'grading_item',
          subjectId: item.code,
          details: { graderId: chosen.id, role: 'review' },
        });
      }
      return { assigned, unassigned };
    },

    /** Sets each reviewed response's final score to its review's (a changed appeal outcome). */
    async applyReviews(tx: DbOrTx, attemptId: string): Promise<void> {
      const at = deps.clock.now();
      for (const response of await responses(tx, attemptId)) {
        if (!response.reviewFinal) continue;
        await itemsRepo.updateItem(tx, response.itemId, {
          status: 'final',
          final: response.reviewFinal,
          finalizedAt: at,
        });
        await deps.audit.append(tx, {
          actorId: null,
          action: 'grading.finalised',
          subjectType: 'grading_item',
          subjectId: response.code,
          details: { method: 'review', final: response.reviewFinal, previous: response.final },
        });
      }
    },
  };
}
