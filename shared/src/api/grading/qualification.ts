import { z } from 'zod';
import { vignetteCopySchema } from './benchmarks.js';
import {
  passingRuleSchema,
  rubricCriterionSchema,
  rubricLevelScoreSchema,
  rubricVariantSchema,
} from './rubrics.js';

/**
 * Qualification before live grading: per variant and rubric version, a grader scores a set of
 * benchmark responses; enough agreement with the agreed scores qualifies them until an expiry.
 * One retry with another set, then a coordinator decides.
 */

/**
 * qualified: may read live responses; expired: was, must qualify again; not-started: may start a
 * set; in-progress: a set is open; retry: the first set failed, a second may be started;
 * awaiting-decision: both sets failed, a coordinator decides; not-qualified: a coordinator
 * decided against.
 */
export const qualificationStateSchema = z.enum([
  'qualified',
  'expired',
  'not-started',
  'in-progress',
  'retry',
  'awaiting-decision',
  'not-qualified',
]);
export type QualificationState = z.infer<typeof qualificationStateSchema>;

export const qualificationThresholdsSchema = z.strictObject({
  setSize: z.number().int(),
  exactPercent: z.number().int(),
  adjacentPercent: z.number().int(),
});

export const myQualificationSchema = z.strictObject({
  variant: rubricVariantSchema,
  rubricVersion: z.number().int(),
  state: qualificationStateSchema,
  expiresAt: z.string().nullable(),
  /** The open or last finished round, to resume or read its feedback. */
  roundId: z.string().uuid().nullable(),
  /** Enough active benchmarks for a set exist for this rubric version. */
  setAvailable: z.boolean(),
});
export type MyQualification = z.infer<typeof myQualificationSchema>;

export const myQualificationsResponseSchema = z.strictObject({
  /** Paused from live scoring after falling below the agreement threshold with seeded responses. */
  paused: z.boolean(),
  thresholds: qualificationThresholdsSchema,
  variants: z.array(myQualificationSchema),
});
export type MyQualificationsResponse = z.infer<typeof myQualificationsResponseSchema>;

export const startQualificationRequestSchema = z.strictObject({ variant: rubricVariantSchema });
export type StartQualificationRequest = z.infer<typeof startQualificationRequestSchema>;
export const startQualificationResponseSchema = z.strictObject({ roundId: z.string().uuid() });
export type StartQualificationResponse = z.infer<typeof startQualificationResponseSchema>;

export const qualificationLevelSchema = z.strictObject({
  criterionId: z.string().min(1).max(60),
  level: rubricLevelScoreSchema.nullable(),
});
export type QualificationLevel = z.infer<typeof qualificationLevelSchema>;

export const saveQualificationLevelsRequestSchema = z.strictObject({
  levels: z.array(qualificationLevelSchema).max(8),
});
export type SaveQualificationLevelsRequest = z.infer<typeof saveQualificationLevelsRequestSchema>;

export const qualificationDifferenceSchema = z.strictObject({
  position: z.number().int(),
  criterionId: z.string(),
  criterionTitle: z.string(),
  yours: z.number().int(),
  agreed: z.number().int(),
  rationale: z.string(),
});
export type QualificationDifference = z.infer<typeof qualificationDifferenceSchema>;

export const qualificationRoundViewSchema = z.strictObject({
  id: z.string().uuid(),
  variant: rubricVariantSchema,
  round: z.number().int(),
  status: z.enum(['open', 'passed', 'failed']),
  rubric: z.strictObject({
    version: z.number().int(),
    title: z.string(),
    criteria: z.array(rubricCriterionSchema),
    passingRule: passingRuleSchema,
  }),
  responses: z.array(
    z.strictObject({
      position: z.number().int(),
      vignette: vignetteCopySchema,
      responseHtml: z.string(),
      words: z.number().int(),
      levels: z.array(qualificationLevelSchema),
    }),
  ),
  /** Null while open; once finished, the agreement and the agreed scores where they differed. */
  result: z
    .strictObject({
      exactPercent: z.number().int(),
      adjacentPercent: z.number().int(),
      qualified: z.boolean(),
      differences: z.array(qualificationDifferenceSchema),
    })
    .nullable(),
});
export type QualificationRoundView = z.infer<typeof qualificationRoundViewSchema>;

/** The coordinator's view: every grader's standing per variant for the current rubric version. */
export const graderQualificationRowSchema = z.strictObject({
  graderId: z.string().uuid(),
  displayName: z.string(),
  variant: rubricVariantSchema,
  rubricVersion: z.number().int(),
  state: qualificationStateSchema,
  expiresAt: z.string().nullable(),
  rounds: z.array(
    z.strictObject({
      round: z.number().int(),
      status: z.enum(['open', 'passed', 'failed']),
      exactPercent: z.number().int().nullable(),
      adjacentPercent: z.number().int().nullable(),
    }),
  ),
  note: z.string(),
});
export type GraderQualificationRow = z.infer<typeof graderQualificationRowSchema>;
export const qualificationOverviewResponseSchema = z.strictObject({
  rows: z.array(graderQualificationRowSchema),
});
export type QualificationOverviewResponse = z.infer<typeof qualificationOverviewResponseSchema>;

export const decideQualificationRequestSchema = z.strictObject({
  graderId: z.string().uuid(),
  variant: rubricVariantSchema,
  qualified: z.boolean(),
  note: z.string().trim().min(1, 'Say why').max(2000),
});
export type DecideQualificationRequest = z.infer<typeof decideQualificationRequestSchema>;
