import { z } from 'zod';
import { competencyDomains, examEndorsements, variants } from '../domain/credential.js';

/** HTTP contract for editing Part Two vignette sets (coordinator console). */

export const vignetteAudienceSchema = z.enum(['specialist', 'mentor']);
export type VignetteAudience = z.infer<typeof vignetteAudienceSchema>;
export const vignetteSetStatusSchema = z.enum(['active', 'retired']);

const paragraph = z.string().trim().min(1, 'Paragraphs cannot be empty').max(5000);

export const vignetteInputSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the vignette a title').max(200),
    /** One string per paragraph. */
    caseText: z.array(paragraph).min(1, 'Write the case').max(30),
    prompts: z
      .array(z.string().trim().min(1, 'Prompts cannot be empty').max(2000))
      .min(1, 'Give at least one prompt')
      .max(10),
    domains: z
      .array(z.enum(competencyDomains))
      .min(1, 'Choose at least one domain')
      .max(competencyDomains.length),
  })
  .strict();
export type VignetteInput = z.infer<typeof vignetteInputSchema>;

export const vignetteSetInputSchema = z
  .object({
    title: z.string().trim().min(1, 'Give the set a title').max(200),
    variant: z.enum(variants),
    /** Null: written for both endorsements. */
    endorsement: z.enum(examEndorsements).nullable(),
    audience: vignetteAudienceSchema,
    /** How many of the vignettes the candidate answers. */
    requiredCount: z
      .number()
      .int('Give the number of vignettes to answer as a whole number')
      .min(1, 'Candidates answer at least one vignette: give the number to answer')
      .max(6, 'Candidates answer at most six vignettes'),
    instructions: z.string().trim().min(1, 'Write the instructions').max(4000),
    vignettes: z.array(vignetteInputSchema).min(1, 'Add at least one vignette').max(6),
  })
  .strict()
  .refine((set) => set.requiredCount <= set.vignettes.length, {
    message: 'Candidates cannot answer more vignettes than the set has',
    path: ['requiredCount'],
  })
  .refine((set) => set.audience === 'mentor' || set.variant === 'clinical', {
    message: 'Specialists answer Clinical vignettes only',
    path: ['audience'],
  });
export type VignetteSetInput = z.infer<typeof vignetteSetInputSchema>;

export const vignetteSetSummarySchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  variant: z.enum(variants),
  endorsement: z.enum(examEndorsements).nullable(),
  audience: vignetteAudienceSchema,
  requiredCount: z.number().int(),
  status: vignetteSetStatusSchema,
  vignetteCount: z.number().int(),
  /** Shown to candidates in a sitting that opened: its content can no longer change. */
  locked: z.boolean(),
});
export type VignetteSetSummary = z.infer<typeof vignetteSetSummarySchema>;

export const vignetteSetDetailSchema = vignetteSetSummarySchema.extend({
  instructions: z.string(),
  vignettes: z.array(vignetteInputSchema.extend({ id: z.string().uuid(), position: z.number() })),
});
export type VignetteSetDetail = z.infer<typeof vignetteSetDetailSchema>;

export const vignetteSetListResponseSchema = z.object({ sets: z.array(vignetteSetSummarySchema) });
export type VignetteSetListResponse = z.infer<typeof vignetteSetListResponseSchema>;
export const vignetteSetResponseSchema = z.object({ set: vignetteSetDetailSchema });
export type VignetteSetResponse = z.infer<typeof vignetteSetResponseSchema>;
