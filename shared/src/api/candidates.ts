import { z } from 'zod';
import { categories, endorsements, mentorTracks } from '../domain/credential.js';
import { isoDatePattern } from '../domain/zoned-time.js';

/**
 * Candidates and their accommodations (coordinator console). Accommodations live on the
 * candidate's profile and apply to every sitting they take while valid.
 */

export const accommodationsInputSchema = z
  .object({
    /** Scales each part's base time: 1 = none, 1.5 = time and a half. */
    timeMultiplier: z.number().min(1).max(3),
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
