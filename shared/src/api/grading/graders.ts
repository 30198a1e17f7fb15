import { z } from 'zod';
import { rubricVariantSchema } from './rubrics.js';

/** Coordinators' view of graders: qualifications, the adjudicator flag, conflicts and workload. */

export const graderConflictSchema = z.object({
  candidateEmail: z.string(),
  /** The matching account's name, when one exists. */
  candidateName: z.string().nullable(),
  reason: z.string(),
  declaredAt: z.string(),
});
export type GraderConflict = z.infer<typeof graderConflictSchema>;

export const graderSummarySchema = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  email: z.string(),
  variants: z.array(rubricVariantSchema),
  adjudicator: z.boolean(),
  conflicts: z.array(graderConflictSchema),
  workload: z.object({ assigned: z.number().int(), submitted: z.number().int() }),
});
export type GraderSummary = z.infer<typeof graderSummarySchema>;

export const graderListResponseSchema = z.object({ graders: z.array(graderSummarySchema) });
export type GraderListResponse = z.infer<typeof graderListResponseSchema>;
export const graderResponseSchema = z.object({ grader: graderSummarySchema });
export type GraderResponse = z.infer<typeof graderResponseSchema>;

export const updateGraderRequestSchema = z.strictObject({
  variants: z
    .array(rubricVariantSchema)
    .max(3)
    .refine((list) => new Set(list).size === list.length, 'Each variant once'),
  adjudicator: z.boolean(),
});
export type UpdateGraderRequest = z.infer<typeof updateGraderRequestSchema>;

export const removeConflictRequestSchema = z.strictObject({
  candidateEmail: z.string().trim().toLowerCase().email().max(254),
});
export type RemoveConflictRequest = z.infer<typeof removeConflictRequestSchema>;

/**
 * The programme's routing rule: when true (the default) a response is never given to a grader
 * who is a member of the candidate's own association, on top of declared conflicts.
 */
export const gradingProgrammeRuleSchema = z.strictObject({
  excludeOwnAssociationGraders: z.boolean(),
});
export type GradingProgrammeRule = z.infer<typeof gradingProgrammeRuleSchema>;
