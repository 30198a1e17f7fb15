import { z } from 'zod';
import { competencyDomains, variants } from '../../domain/credential.js';

/**
 * Rubrics: versioned per variant, each criterion tied to a competency domain and scored on four
 * levels. Names say "rubric" because api/index.ts re-exports every module flat.
 */

export const rubricVariantSchema = z.enum(variants);
export const rubricDomainSchema = z.enum(competencyDomains);
/** Every rubric scores on the same four levels, so graders read them the same way everywhere. */
export const rubricLevelScoreSchema = z.number().int().min(1).max(4);
export type RubricLevelScore = z.infer<typeof rubricLevelScoreSchema>;

export const rubricLevelSchema = z.strictObject({
  score: rubricLevelScoreSchema,
  label: z.string().trim().min(1).max(60),
  descriptor: z.string().trim().min(1, 'Every level needs a descriptor').max(2000),
});
export type RubricLevel = z.infer<typeof rubricLevelSchema>;

export const rubricCriterionSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Criterion ids are lower-case letters, digits and dashes'),
  title: z.string().trim().min(1, 'Every criterion needs a title').max(200),
  domain: rubricDomainSchema,
  levels: z
    .array(rubricLevelSchema)
    .length(4)
    .refine((levels) => levels.every((level, index) => level.score === index + 1), {
      message: 'Levels are scored 1, 2, 3 and 4, in that order',
    }),
});
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

/**
 * A Part Two passing rule, applied to the final score of every graded response: no criterion
 * below `minLevelPerCriterion` and a total of at least `minTotalPerResponse`.
 */
export const passingRuleSchema = z.strictObject({
  minLevelPerCriterion: z.number().min(1).max(4),
  minTotalPerResponse: z.number().min(1).max(40),
});
export type PassingRule = z.infer<typeof passingRuleSchema>;

export const rubricContentSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    criteria: z.array(rubricCriterionSchema).min(1).max(8),
    passingRule: passingRuleSchema,
  })
  .refine((rubric) => new Set(rubric.criteria.map((c) => c.id)).size === rubric.criteria.length, {
    message: 'Criterion ids must be unique within a rubric',
    path: ['criteria'],
  })
  .refine((rubric) => rubric.passingRule.minTotalPerResponse <= rubric.criteria.length * 4, {
    message: 'The minimum total cannot be above the rubric maximum',
    path: ['passingRule', 'minTotalPerResponse'],
  });
export type RubricContent = z.infer<typeof rubricContentSchema>;

export const createRubricVersionRequestSchema = z.strictObject({
  variant: rubricVariantSchema,
  content: rubricContentSchema,
});
export type CreateRubricVersionRequest = z.infer<typeof createRubricVersionRequestSchema>;

export const updateRubricRequestSchema = z.strictObject({ content: rubricContentSchema });
export type UpdateRubricRequest = z.infer<typeof updateRubricRequestSchema>;

/** A rubric version as coordinators see it. */
export const rubricSchema = z.object({
  id: z.string().uuid(),
  variant: rubricVariantSchema,
  version: z.number().int().min(1),
  title: z.string(),
  criteria: z.array(rubricCriterionSchema),
  passingRule: passingRuleSchema,
  /** Set once a grader is given a response on this version (or scores with it): it is locked. */
  scoringStartedAt: z.string().nullable(),
  /** The newest version of its variant: the one new responses are scored with. */
  current: z.boolean(),
  createdAt: z.string(),
});
export type Rubric = z.infer<typeof rubricSchema>;

export const rubricListResponseSchema = z.object({ rubrics: z.array(rubricSchema) });
export type RubricListResponse = z.infer<typeof rubricListResponseSchema>;
export const rubricResponseSchema = z.object({ rubric: rubricSchema });
export type RubricResponse = z.infer<typeof rubricResponseSchema>;

/**
 * What saving a new version did to the variant's responses. A response is pinned to the version
 * it had when its first reading was given out, so the new version takes over only responses no
 * grader has been given yet; the others, and every reading of them, stay where they are.
 */
export const rubricTakeoverSchema = z.object({
  /** Responses nobody had been given yet: they are scored with the new version. */
  responsesMoved: z.number().int().min(0),
  /** Responses not yet final that graders hold: they stay on the version they were given with. */
  responsesKept: z.number().int().min(0),
  /** Readings not yet submitted on those kept responses: still scored with their older version. */
  readingsInProgress: z.number().int().min(0),
});
export type RubricTakeover = z.infer<typeof rubricTakeoverSchema>;

export const rubricVersionCreatedResponseSchema = z.object({
  rubric: rubricSchema,
  takeover: rubricTakeoverSchema,
});
export type RubricVersionCreatedResponse = z.infer<typeof rubricVersionCreatedResponseSchema>;
