import { z } from 'zod';

/**
 * HTTP contract of item analysis (coordinators and psychometricians). Classical test theory
 * figures per form, for one sitting or pooled over every sitting of the form. No candidate
 * identity is ever part of it. Names say "analysis" to stay clear of other modules' exports.
 */

/** One form as sat in one sitting; `sittingId` null is the form pooled over every sitting. */
export const analysisScopeSchema = z.object({
  formId: z.string().uuid(),
  formName: z.string(),
  endorsement: z.string(),
  sittingId: z.string().uuid().nullable(),
  sittingName: z.string(),
  closedAttempts: z.number().int(),
});
export type AnalysisScope = z.infer<typeof analysisScopeSchema>;

export const analysisScopesResponseSchema = z.object({ scopes: z.array(analysisScopeSchema) });
export type AnalysisScopesResponse = z.infer<typeof analysisScopesResponseSchema>;

/** Query of an analysis: the form, and the sitting unless pooled. */
export const analysisQuerySchema = z.object({ sittingId: z.string().uuid().optional() }).strict();
export type AnalysisQuery = z.infer<typeof analysisQuerySchema>;

const scaleSchema = z.object({
  candidates: z.number().int(),
  items: z.number().int(),
  mean: z.number(),
  /** Sample SD (n − 1); null with fewer than 2 candidates. */
  sd: z.number().nullable(),
  min: z.number(),
  max: z.number(),
  alpha: z.number().nullable(),
  sem: z.number().nullable(),
});
export type AnalysisScale = z.infer<typeof scaleSchema>;

export const analysisFlagCodeSchema = z.enum([
  'TOO_HARD',
  'TOO_EASY',
  'LOW_DISCRIMINATION',
  'NEGATIVE_DISCRIMINATION',
  'DISTRACTOR_BEATS_KEY_UPPER',
  'DISTRACTOR_ATTRACTS_UPPER',
  'DISTRACTOR_UNUSED',
]);
export type AnalysisFlagCode = z.infer<typeof analysisFlagCodeSchema>;

export const analysisItemSchema = z.object({
  position: z.number().int(),
  itemId: z.string().uuid(),
  itemVersionId: z.string().uuid(),
  version: z.number().int(),
  /** A scoring correction in force: re-keyed (scored with the new key) or voided (not in totals). */
  correction: z.enum(['rekey', 'void']).nullable(),
  domain: z.string(),
  p: z.number(),
  itemRest: z.number().nullable(),
  /** Upper/lower 27% figures: null when the groups are empty (a single candidate). */
  upperP: z.number().nullable(),
  lowerP: z.number().nullable(),
  discrimination: z.number().nullable(),
  omitRate: z.number(),
  alphaIfDeleted: z.number().nullable(),
  /** Not recorded by delivery today (answers keep their last save time only): always null. */
  meanSeconds: z.number().nullable(),
  options: z.array(
    z.object({
      label: z.string(),
      isKey: z.boolean(),
      proportion: z.number(),
      upper: z.number().nullable(),
      lower: z.number().nullable(),
      optionRest: z.number().nullable(),
    }),
  ),
  flags: z.array(
    z.object({
      code: analysisFlagCodeSchema,
      option: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});
export type AnalysisItem = z.infer<typeof analysisItemSchema>;

/** Proportion choosing each option per total-score group, for the option curves. */
export const analysisOptionCurveSchema = z.object({
  position: z.number().int(),
  groups: z.array(z.object({ label: z.string(), shares: z.array(z.number()) })),
});

export const itemAnalysisResponseSchema = z.object({
  scope: analysisScopeSchema,
  computedAt: z.string(),
  /**
   * The newest analysis the server ran by itself after a Part One of this sitting closed (stored
   * in analysis_runs); null for the pooled scope or before any Part One closed.
   */
  automatic: z.object({ computedAt: z.string(), flaggedItems: z.number().int() }).nullable(),
  test: scaleSchema.extend({
    cutScore: z.number().int(),
    passRate: z.number(),
    /** Candidates at each raw score 0..items. */
    distribution: z.array(z.number().int()),
  }),
  groupSize: z.number().int(),
  domains: z.array(scaleSchema.extend({ domain: z.string() })),
  items: z.array(analysisItemSchema),
  optionCurves: z.array(analysisOptionCurveSchema),
  /** The stated flag rules, shown beside the flags. */
  rules: z.array(z.string()),
});
export type ItemAnalysisResponse = z.infer<typeof itemAnalysisResponseSchema>;
