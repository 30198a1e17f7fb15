import { createHash } from 'node:crypto';
import type { FeedbackCandidate, FeedbackResponse, FeedbackState } from '@exam/shared/api';
import type { feedbackApprovals, feedbackEdits } from '../../db/schema/feedback.js';
import { releasedResultOf, type CandidateOutcome, type CommentOf } from './results.compute.js';
import type { SittingData } from './results.data.js';

/** Feedback review: what each candidate will read, edits applied, and whether it is approved. */

export type EditRow = typeof feedbackEdits.$inferSelect;
export type ApprovalRow = typeof feedbackApprovals.$inferSelect;

/**
 * Each comment as the candidate will read it. An edit applies only while the grader's comment
 * is still the one it was made against: a reading reopened and changed shows the new comment
 * (for review again) rather than a stale edit hiding it.
 */
export function commentOfWith(edits: readonly EditRow[]): CommentOf {
  const byKey = new Map(edits.map((e) => [`${e.assignmentId}:${e.criterionId}`, e]));
  return (reading, criterionId) => {
    const own = reading.scores[criterionId]?.comment ?? '';
    const edit = byKey.get(`${reading.id}:${criterionId}`);
    return edit && edit.original === own ? edit.text : own;
  };
}

/** A candidate gets Part Two feedback when they have graded responses. */
export function hasFeedback(outcome: CandidateOutcome): boolean {
  return Boolean(outcome.attempt) && outcome.items.length > 0;
}

/** Feedback can be approved once Part One is scored and every response has its final score. */
function isFinal(outcome: CandidateOutcome): boolean {
  return (
    outcome.row.partOne !== null &&
    outcome.items.every(({ item }) => item.status === 'final' && item.final !== null)
  );
}

/**
 * The hash of exactly what the candidate will read of Part Two (the very function release
 * freezes it with), plus when each response was finalised, so a reopened and re-scored
 * response needs approving again even if it came out the same.
 */
export function fingerprintOf(outcome: CandidateOutcome, commentOf: CommentOf): string {
  const { responses } = releasedResultOf(outcome, '', new Date(0), commentOf).partTwo;
  const finalisedAt = outcome.items.map(({ item }) => item.finalizedAt?.toISOString() ?? null);
  return createHash('sha256').update(JSON.stringify({ responses, finalisedAt })).digest('hex');
}

function stateOf(fingerprint: string | null, approval: ApprovalRow | undefined): FeedbackState {
  if (fingerprint === null) return 'scoring';
  if (!approval) return 'unapproved';
  return approval.fingerprint === fingerprint ? 'approved' : 'changed';
}

/** The coordinator's view of one candidate's responses: each comment with the grader's text. */
function responsesOf(outcome: CandidateOutcome, commentOf: CommentOf): FeedbackResponse[] {
  const shown = releasedResultOf(outcome, '', new Date(0), commentOf).partTwo.responses;
  return outcome.items.map(({ item, rubric, readings }, index) => {
    const response = shown[index]!;
    const submitted = readings.filter((r) => r.status === 'submitted');
    return {
      code: item.code,
      vignetteTitle: response.vignetteTitle,
      total: response.total,
      max: response.max,
      passed: response.passed,
      criteria: rubric.criteria.map((criterion, at) => {
        const seen = response.criteria[at]!;
        return {
          criterionId: criterion.id,
          title: seen.title,
          domain: seen.domain,
          level: seen.level,
          levelLabel: seen.levelLabel,
          // Only comments the grader wrote reach the candidate (releasedResultOf drops blanks).
          comments: submitted
            .filter((r) => (r.scores[criterion.id]?.comment ?? '') !== '')
            .map((r) => {
              const original = r.scores[criterion.id]!.comment;
              const text = commentOf(r, criterion.id);
              return { assignmentId: r.id, text, original, edited: text !== original };
            }),
        };
      }),
    };
  });
}

export interface FeedbackSnapshot {
  data: SittingData;
  outcomes: CandidateOutcome[];
  edits: EditRow[];
  approvals: ApprovalRow[];
  commentOf: CommentOf;
}

/** Every candidate with feedback: as they will read it, and where its approval stands. */
export function reviewOf(snapshot: FeedbackSnapshot): FeedbackCandidate[] {
  const { data, commentOf } = snapshot;
  const approvals = new Map(snapshot.approvals.map((a) => [a.attemptId, a]));
  return snapshot.outcomes.filter(hasFeedback).map((outcome) => {
    const final = isFinal(outcome);
    const fingerprint = final ? fingerprintOf(outcome, commentOf) : null;
    const approval = approvals.get(outcome.attempt!.attemptId);
    return {
      candidateId: outcome.row.candidateId,
      name: outcome.row.name,
      email: outcome.row.email,
      state: stateOf(fingerprint, approval),
      fingerprint,
      approvedAt: approval?.approvedAt.toISOString() ?? null,
      approvedBy: approval?.approvedBy
        ? (data.people.get(approval.approvedBy)?.displayName ?? null)
        : null,
      responses: final ? responsesOf(outcome, commentOf) : [],
    };
  });
}

/** The release blocker: how many candidates' feedback is not approved as it now stands. */
export function feedbackBlockers(snapshot: FeedbackSnapshot): string[] {
  if (snapshot.data.sitting.status === 'released') return [];
  const unapproved = reviewOf(snapshot).filter((c) => c.state !== 'approved').length;
  return unapproved === 0
    ? []
    : [
        `Feedback for ${unapproved} candidate(s) is not approved yet: review it on the feedback page.`,
      ];
}
