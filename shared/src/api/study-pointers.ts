import { z } from 'zod';
import { competencyDomains } from '../domain/credential.js';

/**
 * HTTP contract of study pointers: per competency domain, where a candidate below expectation
 * should go next (a summary, an ordered readings list and things to practise). Product content
 * a coordinator edits; candidates read it with a released result.
 */

/** Caps keep the results page readable and a bad paste from filling the table. */
export const studyPointerLimits = {
  summaryMax: 1000,
  entryMax: 400,
  readingsMin: 1,
  readingsMax: 12,
  practiseMax: 12,
} as const;

const entrySchema = z
  .string()
  .trim()
  .min(1, 'Remove empty entries or fill them in')
  .max(
    studyPointerLimits.entryMax,
    `Keep each entry under ${studyPointerLimits.entryMax} characters`,
  );

export const studyPointerDomainSchema = z.enum(competencyDomains);

export const studyPointerContentSchema = z.strictObject({
  summary: z
    .string()
    .trim()
    .min(1, 'Write a summary')
    .max(
      studyPointerLimits.summaryMax,
      `Keep the summary under ${studyPointerLimits.summaryMax} characters`,
    ),
  readAbout: z
    .array(entrySchema)
    .min(studyPointerLimits.readingsMin, 'List at least one reading')
    .max(studyPointerLimits.readingsMax, `List at most ${studyPointerLimits.readingsMax} readings`),
  practise: z
    .array(entrySchema)
    .max(
      studyPointerLimits.practiseMax,
      `List at most ${studyPointerLimits.practiseMax} practice suggestions`,
    ),
});
/** The editable part of one domain's pointer: the body of PUT /api/study-pointers/:domain. */
export type StudyPointerContent = z.infer<typeof studyPointerContentSchema>;

export const studyPointerEntrySchema = studyPointerContentSchema.extend({
  domain: studyPointerDomainSchema,
  label: z.string(),
  /** ISO time of the last edit (who made it is in the audit log). */
  updatedAt: z.string(),
});
export type StudyPointerEntry = z.infer<typeof studyPointerEntrySchema>;

export const studyPointersResponseSchema = z.object({
  pointers: z.array(studyPointerEntrySchema),
});
export type StudyPointersResponse = z.infer<typeof studyPointersResponseSchema>;

export const studyPointerResponseSchema = z.object({ pointer: studyPointerEntrySchema });
export type StudyPointerResponse = z.infer<typeof studyPointerResponseSchema>;
