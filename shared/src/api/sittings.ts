import { z } from 'zod';
import { applicationCyclePattern } from '../domain/cycles.js';
import { variants } from '../domain/credential.js';
import { isoDatePattern, isValidTimeZone, wallTimePattern } from '../domain/zoned-time.js';

/**
 * HTTP contract of the sittings module (coordinator console): sittings, their state machine and
 * the exports; enrolments are in enrolments.ts. Names say "sitting" or "enrolment" because
 * index.ts re-exports every module flat.
 */

export const sittingStatuses = ['draft', 'scheduled', 'open', 'closed', 'released'] as const;
/** Named apart from grading's `sittingStatusSchema`, which is a plain string on its side. */
export const sittingLifecycleSchema = z.enum(sittingStatuses);
export type SittingStatus = z.infer<typeof sittingLifecycleSchema>;

/** Moves a coordinator makes on the console; `released` is the results page's to make. */
export const sittingTransitionRequestSchema = z
  .object({ to: z.enum(['draft', 'scheduled', 'open', 'closed']) })
  .strict();
export type SittingTransitionRequest = z.infer<typeof sittingTransitionRequestSchema>;

/** The same shape as a rubric's PassingRule (server/src/seed/content/rubrics.ts). */
export const sittingPassingRuleSchema = z
  .object({
    minLevelPerCriterion: z.number().int().min(1).max(4),
    minTotalPerResponse: z.number().int().min(1).max(100),
  })
  .strict();
export type SittingPassingRule = z.infer<typeof sittingPassingRuleSchema>;

const sebKey = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'A key is 64 hexadecimal characters, as Safe Exam Browser shows it');

export const sittingSebPolicySchema = z
  .object({
    required: z.boolean(),
    configKeys: z.array(sebKey).max(20),
    browserExamKeys: z.array(sebKey).max(50),
  })
  .strict()
  .refine((seb) => !seb.required || seb.configKeys.length > 0, {
    message: 'Enter at least one Config Key to require Safe Exam Browser',
    path: ['configKeys'],
  });

export const sittingPoliciesSchema = z
  .object({
    spellcheck: z.boolean(),
    paste: z.enum(['allowed', 'plain-text', 'blocked']),
    /** Warns past this many words in Part Two; never blocks. Null: no limit. */
    wordLimit: z.number().int().min(50).max(20_000).nullable(),
    /**
     * Per variant, as grading's `passingRules`: a variant left out is graded by its rubric's own
     * suggested rule.
     */
    partTwoPassingRule: z.partialRecord(z.enum(variants), sittingPassingRuleSchema),
    /** Safe Exam Browser: when required, every candidate request must carry a Config Key hash. */
    seb: sittingSebPolicySchema.default({ required: false, configKeys: [], browserExamKeys: [] }),
  })
  .strict();
export type SittingPolicies = z.infer<typeof sittingPoliciesSchema>;

const uuid = z.string().uuid();

export const sittingFormsSchema = z
  .object({ 'IMH-E': uuid.nullable(), 'ECMH-E': uuid.nullable() })
  .strict();
export type SittingForms = z.infer<typeof sittingFormsSchema>;

/** What a coordinator sets on a sitting. A draft may leave the schedule open; scheduling needs it. */
export const sittingInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the sitting a name').max(200),
    applicationCycle: z
      .string()
      .regex(applicationCyclePattern, 'Cycles look like 2027-Q1')
      .nullable(),
    date: z.string().regex(isoDatePattern, 'Dates look like 2027-03-12').nullable(),
    startTime: z.string().regex(wallTimePattern, 'Times look like 09:30').nullable(),
    startWindowMinutes: z.number().int().min(5).max(480),
    timeZone: z.string().min(1).max(100).refine(isValidTimeZone, 'Unknown time zone'),
    remote: z.boolean(),
    location: z.string().trim().max(300).nullable(),
    part1Minutes: z.number().int().min(10).max(600),
    part2Minutes: z.number().int().min(10).max(600),
    forms: sittingFormsSchema,
    vignetteSetIds: z.array(uuid).max(50),
    proctorIds: z.array(uuid).max(100),
    policies: sittingPoliciesSchema,
  })
  .strict()
  .refine((s) => (s.date === null) === (s.startTime === null), {
    message: 'Give both the date and the start time, or neither',
    path: ['startTime'],
  });
export type SittingInput = z.infer<typeof sittingInputSchema>;

export const sittingProctorsRequestSchema = z
  .object({ proctorIds: z.array(uuid).max(100) })
  .strict();
export type SittingProctorsRequest = z.infer<typeof sittingProctorsRequestSchema>;

export const sittingPersonSchema = z.object({
  id: uuid,
  displayName: z.string(),
  email: z.string(),
});
export type SittingPerson = z.infer<typeof sittingPersonSchema>;

export const sittingSummarySchema = z.object({
  id: uuid,
  name: z.string(),
  status: sittingLifecycleSchema,
  applicationCycle: z.string().nullable(),
  /** e.g. "2027-Q1 (deadline 31 January 2027)" */
  cycleLabel: z.string().nullable(),
  /** Wall-clock date and time in the sitting's time zone. */
  date: z.string().nullable(),
  startTime: z.string().nullable(),
  startsAt: z.string().nullable(),
  startWindowMinutes: z.number().int(),
  timeZone: z.string(),
  remote: z.boolean(),
  location: z.string().nullable(),
  enrolledCount: z.number().int(),
  updatedAt: z.string(),
});
export type SittingSummary = z.infer<typeof sittingSummarySchema>;

export const sittingDetailSchema = sittingSummarySchema.extend({
  part1Minutes: z.number().int(),
  part2Minutes: z.number().int(),
  /**
   * Kept for forms the bank does not hold; a candidate is scored against their form's cut,
   * which only standard-setting adoption changes (shown with each form on the console).
   */
  cutScore: z.number().int(),
  forms: sittingFormsSchema,
  vignetteSetIds: z.array(uuid),
  proctors: z.array(sittingPersonSchema),
  policies: sittingPoliciesSchema,
  /** Where the console may move it next. */
  allowedTransitions: z.array(sittingLifecycleSchema),
  /** Whether its schedule, forms and policies may still change. */
  editable: z.boolean(),
});
export type SittingDetail = z.infer<typeof sittingDetailSchema>;

export const sittingListResponseSchema = z.object({ sittings: z.array(sittingSummarySchema) });
export type SittingListResponse = z.infer<typeof sittingListResponseSchema>;
export const sittingResponseSchema = z.object({ sitting: sittingDetailSchema });
export type SittingResponse = z.infer<typeof sittingResponseSchema>;

export const sittingProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  enrolmentId: uuid.optional(),
});
export type SittingProblem = z.infer<typeof sittingProblemSchema>;

/** What stands between the sitting and opening; `ready` when there is nothing. */
export const sittingReadinessResponseSchema = z.object({
  ready: z.boolean(),
  problems: z.array(sittingProblemSchema),
});
export type SittingReadinessResponse = z.infer<typeof sittingReadinessResponseSchema>;
