import { z } from 'zod';
import { responseCodeSchema } from './queue.js';
import { rubricCriterionSchema, rubricLevelScoreSchema, rubricVariantSchema } from './rubrics.js';

/**
 * Benchmark responses and the programme's calibration rules. A benchmark is an anonymised copy
 * of a past response with an agreed level and a written rationale per rubric criterion, kept per
 * variant and rubric version; coordinators and chief graders keep them.
 */

export const agreedScoreSchema = z.strictObject({
  criterionId: z.string().min(1).max(60),
  level: rubricLevelScoreSchema,
  rationale: z.string().trim().min(1, 'Write why this level is the agreed one').max(4000),
});
export type AgreedScore = z.infer<typeof agreedScoreSchema>;

export const vignetteCopySchema = z.strictObject({
  title: z.string(),
  caseText: z.array(z.string()),
  prompts: z.array(z.string()),
});

export const benchmarkSummarySchema = z.strictObject({
  id: z.string().uuid(),
  title: z.string(),
  variant: rubricVariantSchema,
  rubricId: z.string().uuid(),
  rubricVersion: z.number().int(),
  active: z.boolean(),
  words: z.number().int(),
  agreed: z.array(agreedScoreSchema),
  updatedAt: z.string(),
});
export type BenchmarkSummary = z.infer<typeof benchmarkSummarySchema>;

export const benchmarkDetailSchema = benchmarkSummarySchema.extend({
  vignette: vignetteCopySchema,
  responseHtml: z.string(),
  criteria: z.array(rubricCriterionSchema),
});
export type BenchmarkDetail = z.infer<typeof benchmarkDetailSchema>;

export const benchmarkListResponseSchema = z.strictObject({
  benchmarks: z.array(benchmarkSummarySchema),
});
export type BenchmarkListResponse = z.infer<typeof benchmarkListResponseSchema>;
export const benchmarkResponseSchema = z.strictObject({ benchmark: benchmarkDetailSchema });
export type BenchmarkResponse = z.infer<typeof benchmarkResponseSchema>;

/** A past, finally scored response that could become a benchmark: its code and final score. */
export const benchmarkSourceSchema = z.strictObject({
  code: responseCodeSchema,
  variant: rubricVariantSchema,
  rubricVersion: z.number().int(),
  finalTotal: z.number(),
  finalLevels: z.array(z.strictObject({ criterionId: z.string(), level: z.number() })),
});
export type BenchmarkSource = z.infer<typeof benchmarkSourceSchema>;
export const benchmarkSourcesResponseSchema = z.strictObject({
  sources: z.array(benchmarkSourceSchema),
});
export type BenchmarkSourcesResponse = z.infer<typeof benchmarkSourcesResponseSchema>;

export const createBenchmarkRequestSchema = z.strictObject({
  code: responseCodeSchema,
  title: z.string().trim().min(1).max(200),
  agreed: z.array(agreedScoreSchema).min(1).max(8),
});
export type CreateBenchmarkRequest = z.infer<typeof createBenchmarkRequestSchema>;

export const updateBenchmarkRequestSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  agreed: z.array(agreedScoreSchema).min(1).max(8),
  active: z.boolean(),
});
export type UpdateBenchmarkRequest = z.infer<typeof updateBenchmarkRequestSchema>;

const percent = z.number().int().min(0).max(100);
export const calibrationSettingsSchema = z.strictObject({
  qualificationSetSize: z.number().int().min(1).max(50),
  qualificationExactPercent: percent,
  qualificationAdjacentPercent: percent,
  qualificationValidDays: z.number().int().min(1).max(3650),
  seedEvery: z.number().int().min(2).max(100),
  seedWindow: z.number().int().min(1).max(200),
  seedMinimum: z.number().int().min(1).max(200),
  seedExactPercent: percent,
  seedAdjacentPercent: percent,
});
export type CalibrationSettings = z.infer<typeof calibrationSettingsSchema>;
