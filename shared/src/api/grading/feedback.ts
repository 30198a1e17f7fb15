import { z } from 'zod';
import { responseCodeSchema } from './queue.js';
import { rubricDomainSchema } from './rubrics.js';

/**
 * The coordinator's review of the feedback each candidate will read: graders' comments shown
 * exactly as the candidate will see them, edited where needed, and approved per candidate
 * before results can be released.
 */

/** One grader comment on one criterion: what the candidate will read, and the grader's text. */
export const feedbackCommentSchema = z.object({
  /** The reading the comment belongs to: the handle an edit names. */
  assignmentId: z.string().uuid(),
  /** What the candidate will read; empty when a coordinator removed the comment. */
  text: z.string(),
  /** The grader's own text, kept whatever the edit. */
  original: z.string(),
  edited: z.boolean(),
});
export type FeedbackComment = z.infer<typeof feedbackCommentSchema>;

export const feedbackCriterionSchema = z.object({
  criterionId: z.string(),
  title: z.string(),
  domain: rubricDomainSchema,
  level: z.number(),
  levelLabel: z.string(),
  comments: z.array(feedbackCommentSchema),
});

export const feedbackResponseSchema = z.object({
  code: responseCodeSchema,
  vignetteTitle: z.string(),
  total: z.number(),
  max: z.number().int(),
  passed: z.boolean(),
  criteria: z.array(feedbackCriterionSchema),
});
export type FeedbackResponse = z.infer<typeof feedbackResponseSchema>;

/**
 * scoring: a response is not final yet, so there is nothing to approve; unapproved; approved;
 * changed: approved once, but the feedback has changed since (an edit, a reopened score).
 */
export const feedbackStateSchema = z.enum(['scoring', 'unapproved', 'approved', 'changed']);
export type FeedbackState = z.infer<typeof feedbackStateSchema>;

export const feedbackCandidateSchema = z.object({
  candidateId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  state: feedbackStateSchema,
  /** The hash of the feedback shown here; an approval names it, so it approves exactly this. */
  fingerprint: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  responses: z.array(feedbackResponseSchema),
});
export type FeedbackCandidate = z.infer<typeof feedbackCandidateSchema>;

export const feedbackReviewResponseSchema = z.object({
  sitting: z.object({ id: z.string().uuid(), name: z.string(), status: z.string() }),
  candidates: z.array(feedbackCandidateSchema),
});
export type FeedbackReviewResponse = z.infer<typeof feedbackReviewResponseSchema>;

/** Replaces one grader comment with what the candidate should read instead. */
export const editFeedbackRequestSchema = z.strictObject({
  assignmentId: z.string().uuid(),
  criterionId: z.string().min(1).max(60),
  /** Empty removes the comment from the candidate's view; the grader's own text restores it. */
  text: z.string().trim().max(4000),
});
export type EditFeedbackRequest = z.infer<typeof editFeedbackRequestSchema>;

export const fingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Not a feedback fingerprint');

/** Approves each candidate's feedback as it was shown (named by its fingerprint). */
export const approveFeedbackRequestSchema = z.strictObject({
  approvals: z
    .array(z.strictObject({ candidateId: z.string().uuid(), fingerprint: fingerprintSchema }))
    .min(1, 'Name at least one candidate')
    .max(2000),
});
export type ApproveFeedbackRequest = z.infer<typeof approveFeedbackRequestSchema>;
