import { z } from 'zod';

const part = z.union([z.literal(1), z.literal(2)]);

/** Why a retake is or is not allowed, as the association's rules decide it (UTC instants). */
export const retakeEligibilitySchema = z.object({
  eligible: z.boolean(),
  problems: z.array(z.object({ rule: z.string(), message: z.string() })),
  attemptsUsed: z.number().int(),
  earliestDate: z.string().nullable(),
  validUntil: z.string().nullable(),
  requestDeadline: z.string().nullable(),
  /** What of the sitting's content the candidate has seen before: the coordinator is warned. */
  seen: z.object({
    formId: z.string().nullable(),
    vignetteSetIds: z.array(z.string()),
    inSittings: z.array(z.string()),
  }),
});
export type RetakeEligibilityView = z.infer<typeof retakeEligibilitySchema>;

export const retakeRequestViewSchema = z.object({
  id: z.string().uuid(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  sittingStartsAt: z.string().nullable(),
  part,
  status: z.enum(['requested', 'approved', 'declined']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  enrolmentId: z.string().uuid().nullable(),
  eligibility: retakeEligibilitySchema,
});
export type RetakeRequestView = z.infer<typeof retakeRequestViewSchema>;

/** A sitting the candidate could ask to retake a part in, with what the rules say of it. */
export const retakeOptionSchema = z.object({
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  startsAt: z.string().nullable(),
  part,
  eligibility: retakeEligibilitySchema,
});
export type RetakeOption = z.infer<typeof retakeOptionSchema>;

export const myRetakesResponseSchema = z.object({
  /** Per part: passed on record, attempts used, and the first date a retake may be sat. */
  parts: z.array(
    z.object({
      part,
      /** From released results only: nothing unreleased reaches the candidate. */
      passReleased: z.boolean(),
      attempts: z.number().int(),
      earliestRetakeDate: z.string().nullable(),
    }),
  ),
  options: z.array(retakeOptionSchema),
  requests: z.array(retakeRequestViewSchema),
});
export type MyRetakesResponse = z.infer<typeof myRetakesResponseSchema>;

export const retakeRequestInputSchema = z.object({ sittingId: z.string().uuid(), part }).strict();
export type RetakeRequestInput = z.infer<typeof retakeRequestInputSchema>;

export const retakeDeclineSchema = z
  .object({ reason: z.string().trim().min(3).max(1000) })
  .strict();
export type RetakeDecline = z.infer<typeof retakeDeclineSchema>;

export const retakeRequestResponseSchema = z.object({ request: retakeRequestViewSchema });
export type RetakeRequestResponse = z.infer<typeof retakeRequestResponseSchema>;

export const retakeRequestsResponseSchema = z.object({
  requests: z.array(retakeRequestViewSchema),
});
export type RetakeRequestsResponse = z.infer<typeof retakeRequestsResponseSchema>;
