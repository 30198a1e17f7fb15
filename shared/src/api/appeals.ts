import { z } from 'zod';
import { variants } from '../domain/credential.js';
import { reviewedAnnotationSchema } from './grading/annotations.js';

/** Appeals: a candidate asks for a review of a released result; the coordinator handles it. */

export const appealPartSchema = z.enum(['one', 'two']);
export type AppealPart = z.infer<typeof appealPartSchema>;
export const appealStatusSchema = z.enum(['requested', 'accepted', 'declined', 'decided']);
export type AppealStatus = z.infer<typeof appealStatusSchema>;
export const appealOutcomeSchema = z.enum(['upheld', 'changed']);
export type AppealOutcome = z.infer<typeof appealOutcomeSchema>;

export const appealRequestSchema = z.strictObject({
  attemptId: z.string().uuid(),
  parts: z.array(appealPartSchema).min(1, 'Choose Part One, Part Two or both').max(2),
  grounds: z.string().trim().min(1, 'Say why you ask for a review').max(4000),
});
export type AppealRequest = z.infer<typeof appealRequestSchema>;

/** The candidate's view of one released result and any appeal of it. */
export const myAppealSchema = z.object({
  attemptId: z.string().uuid(),
  sittingName: z.string(),
  /** The last day (UTC, inclusive) a review may be requested. */
  windowClosesOn: z.string(),
  canRequest: z.boolean(),
  appeal: z
    .object({
      id: z.string().uuid(),
      parts: z.array(appealPartSchema),
      grounds: z.string(),
      status: appealStatusSchema,
      requestedAt: z.string(),
      declineReason: z.string().nullable(),
      outcome: appealOutcomeSchema.nullable(),
      reply: z.string().nullable(),
      decidedAt: z.string().nullable(),
    })
    .nullable(),
});
export type MyAppeal = z.infer<typeof myAppealSchema>;
export const myAppealsResponseSchema = z.object({ results: z.array(myAppealSchema) });
export type MyAppealsResponse = z.infer<typeof myAppealsResponseSchema>;

export const appealSummarySchema = z.object({
  id: z.string().uuid(),
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  candidateName: z.string(),
  parts: z.array(appealPartSchema),
  status: appealStatusSchema,
  requestedAt: z.string(),
  /** When the current state should be done by (null once declined or decided). */
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  outcome: appealOutcomeSchema.nullable(),
  /**
   * Accepted, and some Part Two response has no independent reviewer yet: no grader qualified
   * for its variant who never read it is available. It is assigned as soon as one is.
   */
  waitingForReviewer: z.boolean(),
});
export type AppealSummary = z.infer<typeof appealSummarySchema>;
export const appealListResponseSchema = z.object({ appeals: z.array(appealSummarySchema) });
export type AppealListResponse = z.infer<typeof appealListResponseSchema>;

const figuresSchema = z.object({
  correct: z.number().int(),
  total: z.number().int(),
  cutScore: z.number().int(),
  passed: z.boolean(),
});

/** The coordinator's view: the request, the Part One key check and each response's review. */
export const appealDetailSchema = appealSummarySchema.extend({
  grounds: z.string(),
  declineReason: z.string().nullable(),
  reply: z.string().nullable(),
  partOneCheck: z.object({ before: figuresSchema.nullable(), after: figuresSchema }).nullable(),
  reviews: z.array(
    z.object({
      code: z.string(),
      vignette: z.number().int(),
      /** The response's variant: a reviewer must be qualified for it. */
      variant: z.enum(variants),
      /** none: not yet sent to review, or (accepted) no qualified grader who had not read it was free. */
      review: z.enum(['none', 'assigned', 'draft', 'submitted']),
      releasedTotal: z.number().nullable(),
      reviewTotal: z.number().nullable(),
      /** The readers' annotations, for the coordinator only: never shown to the reviewer. */
      annotations: z.array(reviewedAnnotationSchema),
    }),
  ),
  /** Can be decided now: accepted, and every review is in. */
  decidable: z.boolean(),
  /** While waiting for a reviewer: why, and what the coordinator can do about it. */
  waitingReason: z.string().nullable(),
});
export type AppealDetail = z.infer<typeof appealDetailSchema>;

export const triageAppealRequestSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept') }),
  z.strictObject({
    decision: z.literal('decline'),
    reason: z.string().trim().min(1, 'Say why the appeal is declined').max(4000),
  }),
]);
export type TriageAppealRequest = z.infer<typeof triageAppealRequestSchema>;

export const decideAppealRequestSchema = z.strictObject({
  outcome: appealOutcomeSchema,
  reply: z.string().trim().min(1, 'Write the reply the candidate will read').max(8000),
});
export type DecideAppealRequest = z.infer<typeof decideAppealRequestSchema>;

/** "Find a reviewer": the responses that got one now, and those still waiting. */
export const findReviewerResponseSchema = z.object({
  assigned: z.array(z.string()),
  waiting: z.array(z.string()),
});
export type FindReviewerResponse = z.infer<typeof findReviewerResponseSchema>;

export const appealSettingsSchema = z.strictObject({
  windowDays: z.number().int().min(1).max(365),
  triageDays: z.number().int().min(1).max(365),
  reviewDays: z.number().int().min(1).max(365),
  decisionDays: z.number().int().min(1).max(365),
});
export type AppealSettings = z.infer<typeof appealSettingsSchema>;
