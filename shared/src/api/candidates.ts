import { z } from 'zod';
import { categories, endorsements, mentorTracks } from '../domain/credential.js';
import { isoDatePattern } from '../domain/zoned-time.js';

/**
 * Candidates and their accommodations (coordinator console). Accommodations live on the
 * candidate's profile and apply to every sitting they take while valid.
 */

/** What the time multiplier takes, said the same by the server and beside the form's field. */
export const timeMultiplierProblems = {
  notANumber: 'Enter the time multiplier as a number, such as 1.5.',
  range: 'The time multiplier is from 1 (no extra time) to 3.',
  decimals: 'The time multiplier takes at most two decimals, such as 1.33 for time and a third.',
} as const;

/**
 * Whole hundredths (1.25, 1.33, 1.5), allowing for binary floating point: 1.14 × 100 is
 * 113.99999999999999, and a value computed as 1 + 14/100 is 1.1400000000000001.
 */
function inHundredths(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

/**
 * Scales each part's base time: 1 = none, 1.5 = time and a half, 1.33 = time and a third. At
 * most two decimals: 1.333 is refused rather than rounded, so what was approved is what applies.
 * Stored as the nearest hundredth, without floating-point residue.
 */
export const timeMultiplierSchema = z
  .number(timeMultiplierProblems.notANumber)
  .min(1, timeMultiplierProblems.range)
  .max(3, timeMultiplierProblems.range)
  .refine(inHundredths, timeMultiplierProblems.decimals)
  .transform((value) => Math.round(value * 100) / 100);

export const accommodationsInputSchema = z
  .object({
    timeMultiplier: timeMultiplierSchema,
    extraMinutesPart1: z.number().int().min(0).max(240),
    extraMinutesPart2: z.number().int().min(0).max(240),
    /** Rest breaks allowed; the proctor pauses the clock for each. */
    breaks: z.boolean(),
    largeText: z.boolean(),
    highContrast: z.boolean(),
    notes: z.string().trim().max(2000).nullable(),
    /** Last day the accommodations apply (inclusive); null: no end. */
    validUntil: z.string().regex(isoDatePattern, 'Dates look like 2027-03-12').nullable(),
  })
  .strict();
export type AccommodationsInput = z.infer<typeof accommodationsInputSchema>;

export const accommodationsSchema = accommodationsInputSchema.extend({
  /** As stored: a value saved under an earlier, looser rule (1.333) still reads back. */
  timeMultiplier: z.number(),
  approvedBy: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  /** False once `validUntil` has passed: nothing applies then. */
  inForce: z.boolean(),
  /** e.g. "time × 1.5; +10 min Part One; rest breaks"; null when none. */
  summary: z.string().nullable(),
});
export type Accommodations = z.infer<typeof accommodationsSchema>;

export const candidateSummarySchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  /** Null until the candidate has a profile (a first enrolment creates it). */
  profile: z
    .object({
      endorsement: z.enum(endorsements),
      category: z.enum(categories),
      track: z.enum(mentorTracks).nullable(),
    })
    .nullable(),
  accommodations: accommodationsSchema.nullable(),
});
export type CandidateSummary = z.infer<typeof candidateSummarySchema>;

export const candidateListResponseSchema = z.object({
  candidates: z.array(candidateSummarySchema),
});
export type CandidateListResponse = z.infer<typeof candidateListResponseSchema>;
export const candidateResponseSchema = z.object({ candidate: candidateSummarySchema });
export type CandidateResponse = z.infer<typeof candidateResponseSchema>;
