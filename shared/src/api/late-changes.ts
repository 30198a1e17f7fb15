import { z } from 'zod';

/**
 * HTTP contract of held late changes: changes that reached the server after their part's
 * deadline and grace, listed with their evidence for a proctor or coordinator, who accepts or
 * declines each one (a decline needs a reason; so does an accept, for the audit trail).
 */

export const lateChangeViewSchema = z.object({
  id: z.string().uuid(),
  enrolmentId: z.string().uuid(),
  candidateName: z.string(),
  part: z.union([z.literal(1), z.literal(2)]),
  kind: z.enum(['answer', 'draft', 'choice']),
  /** Question position (answer), vignette position (draft), or 0 (the choice of vignettes). */
  position: z.number().int(),
  seq: z.number().int(),
  /**
   * What the change is, in words: "Question 12: option C (shown to the candidate as A)",
   * "Vignette 2: response of 312 words", "Vignettes chosen: 1 and 3". An option is named by its
   * letter in the item bank, and by the letter the candidate saw when their order differed.
   */
  summary: z.string(),
  /** Epoch ms, server clock. */
  arrivedAt: z.number(),
  /** The client's own claim of when it was made (its clock corrected by its skew); evidence only. */
  clientClaimedAt: z.number().nullable(),
  /** The server's last contact with the attempt before the change arrived. */
  lastContactAt: z.number().nullable(),
  /** The part's deadline when the change arrived. */
  deadline: z.number().nullable(),
  status: z.enum(['held', 'accepted', 'declined']),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().nullable(),
  reason: z.string().nullable(),
});
export type LateChangeView = z.infer<typeof lateChangeViewSchema>;

export const lateChangesResponseSchema = z.object({ lateChanges: z.array(lateChangeViewSchema) });
export type LateChangesResponse = z.infer<typeof lateChangesResponseSchema>;

export const decideLateChangeRequestSchema = z.strictObject({
  decision: z.enum(['accept', 'decline']),
  reason: z
    .string()
    .trim()
    .min(3, 'Give a reason of at least 3 characters')
    .max(500, 'Keep the reason under 500 characters'),
});
export type DecideLateChangeRequest = z.infer<typeof decideLateChangeRequestSchema>;

export const lateChangeResponseSchema = z.object({ lateChange: lateChangeViewSchema });
export type LateChangeResponse = z.infer<typeof lateChangeResponseSchema>;

/** What happened to one held change, as the candidate's results page says it. */
export const lateChangeOutcomeSchema = z.object({
  kind: z.enum(['answer', 'draft', 'choice']),
  position: z.number().int(),
  status: z.enum(['held', 'accepted', 'declined']),
  reason: z.string().nullable(),
});
export type LateChangeOutcome = z.infer<typeof lateChangeOutcomeSchema>;
