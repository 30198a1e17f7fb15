import { z } from 'zod';
import {
  passingRuleSchema,
  rubricCriterionSchema,
  rubricLevelScoreSchema,
  rubricVariantSchema,
} from './rubrics.js';

/**
 * What a grader receives. Every object is strict: a field that slipped in (a name, an id, a
 * time) makes the server's own parse of its reply fail instead of reaching the grader.
 */

/** The opaque code a grader knows a response by: random, unrelated to candidate or attempt. */
export const responseCodeSchema = z
  .string()
  .regex(/^R-[0-9A-HJKMNP-TV-Z]{8}$/, 'Not a response code');
export type ResponseCode = z.infer<typeof responseCodeSchema>;

export const gradingRoleSchema = z.enum(['reader', 'adjudicator']);
export type GradingRole = z.infer<typeof gradingRoleSchema>;
/** new: not opened for scoring yet; draft: scores saved, not submitted; submitted: final. */
export const readingStatusSchema = z.enum(['new', 'draft', 'submitted']);
export type ReadingStatus = z.infer<typeof readingStatusSchema>;

export const criterionScoreSchema = z.strictObject({
  criterionId: z.string().min(1).max(60),
  level: rubricLevelScoreSchema.nullable(),
  comment: z.string().max(4000),
});
export type CriterionScore = z.infer<typeof criterionScoreSchema>;

/** Save as draft and submit send the same sheet; submit also requires every level and comment. */
export const scoreSheetRequestSchema = z.strictObject({
  /**
   * The rubric version the grader scored with (the one their screen shows). A response is pinned
   * to one version once its first reading is given out; a sheet naming another is refused
   * (RUBRIC_VERSION_MISMATCH), so no score is ever counted against a version it was not made with.
   */
  rubricVersion: z.number().int().min(1).max(100_000),
  scores: z.array(criterionScoreSchema).max(8),
  /** Ask for a second opinion: the response goes to a third reader whatever the scores. */
  flagged: z.boolean(),
  /** Seen by graders only (the third reader), never by the candidate. */
  flagNote: z.string().max(2000),
});
export type ScoreSheetRequest = z.infer<typeof scoreSheetRequestSchema>;

export const scoreSheetSchema = z.strictObject({
  status: readingStatusSchema,
  scores: z.array(criterionScoreSchema),
  flagged: z.boolean(),
  flagNote: z.string(),
});
export type ScoreSheet = z.infer<typeof scoreSheetSchema>;

export const gradingQueueEntrySchema = z.strictObject({
  code: responseCodeSchema,
  variant: rubricVariantSchema,
  vignetteTitle: z.string(),
  role: gradingRoleSchema,
  status: readingStatusSchema,
  flagged: z.boolean(),
});
export type GradingQueueEntry = z.infer<typeof gradingQueueEntrySchema>;

export const gradingQueueResponseSchema = z.strictObject({
  /** In the grader's own stable pseudo-random order, never by submission time or candidate. */
  entries: z.array(gradingQueueEntrySchema),
  progress: z.strictObject({
    total: z.number().int(),
    submitted: z.number().int(),
    drafts: z.number().int(),
  }),
});
export type GradingQueueResponse = z.infer<typeof gradingQueueResponseSchema>;

/** A first reader's scores, shown to the third reader only. */
export const otherReadingSchema = z.strictObject({
  label: z.string(),
  scores: z.array(criterionScoreSchema),
  total: z.number(),
  flagged: z.boolean(),
  flagNote: z.string(),
});
export type OtherReading = z.infer<typeof otherReadingSchema>;

export const gradingResponseViewSchema = z.strictObject({
  code: responseCodeSchema,
  role: gradingRoleSchema,
  variant: rubricVariantSchema,
  vignette: z.strictObject({
    title: z.string(),
    caseText: z.array(z.string()),
    prompts: z.array(z.string()),
  }),
  /** Rendered on the server from the validated essay document; the only form graders receive. */
  responseHtml: z.string(),
  words: z.number().int(),
  /** The version the response is pinned to: every reader of it scores with this one. */
  rubric: z.strictObject({
    version: z.number().int(),
    title: z.string(),
    criteria: z.array(rubricCriterionSchema),
    passingRule: passingRuleSchema,
  }),
  sheet: scoreSheetSchema,
  /** Empty for first readers; the two first readings for the third reader. */
  otherReadings: z.array(otherReadingSchema),
});
export type GradingResponseView = z.infer<typeof gradingResponseViewSchema>;

export const scoreSheetResponseSchema = z.strictObject({ sheet: scoreSheetSchema });
export type ScoreSheetResponse = z.infer<typeof scoreSheetResponseSchema>;

/** A grader declares a conflict of interest with a person, by email. */
export const declareConflictRequestSchema = z.strictObject({
  candidateEmail: z.string().trim().toLowerCase().email().max(254),
  reason: z.string().trim().min(1, 'Say briefly why (for example: my supervisee)').max(500),
});
export type DeclareConflictRequest = z.infer<typeof declareConflictRequestSchema>;

export const myConflictsResponseSchema = z.strictObject({
  conflicts: z.array(
    z.strictObject({ candidateEmail: z.string(), reason: z.string(), declaredAt: z.string() }),
  ),
});
export type MyConflictsResponse = z.infer<typeof myConflictsResponseSchema>;
