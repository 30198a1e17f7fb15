import { z } from 'zod';

/** Accommodation requests: a candidate asks, with documents; a coordinator approves or declines. */

/** What is asked for, and what is granted (all or part of it): the same shape. */
export const accommodationAskSchema = z.strictObject({
  /** Extra time on both parts, as a percentage of each part's time (50 = time and a half). */
  extraTimePercent: z.number().int().min(0).max(200),
  breaks: z.boolean(),
  largeText: z.boolean(),
  separateRoom: z.boolean(),
  reader: z.boolean(),
  other: z.string().trim().max(2000).nullable(),
});
export type AccommodationAsk = z.infer<typeof accommodationAskSchema>;

/** A document as uploaded: its bytes in base64; the type is read from the bytes themselves. */
export const accommodationDocumentUploadSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  dataBase64: z.string().min(1),
});

/** Whether an ask asks for anything at all (an approval may grant less; a request may not be empty). */
export function asksForSomething(ask: AccommodationAsk): boolean {
  return (
    ask.extraTimePercent > 0 ||
    ask.breaks ||
    ask.largeText ||
    ask.separateRoom ||
    ask.reader ||
    (ask.other ?? '').trim() !== ''
  );
}

export const NOTHING_ASKED =
  'Choose at least one accommodation: extra time, rest breaks, larger text, a separate room, a reader, or describe another.';

export const accommodationRequestInputSchema = z.strictObject({
  enrolmentId: z.string().uuid(),
  // An empty request would stay pending and block a real one until a coordinator declined it.
  ask: accommodationAskSchema.refine(asksForSomething, NOTHING_ASKED),
  documents: z.array(accommodationDocumentUploadSchema).max(5),
});
export type AccommodationRequestInput = z.infer<typeof accommodationRequestInputSchema>;

export const accommodationDeclineSchema = z.strictObject({
  reason: z.string().trim().min(1, 'Say why the request is declined').max(2000),
});

export const accommodationRequestStatusSchema = z.enum(['pending', 'approved', 'declined']);

export const accommodationDocumentSchema = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});

export const accommodationRequestSchema = z.object({
  id: z.string().uuid(),
  enrolmentId: z.string().uuid(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  sittingName: z.string(),
  requested: accommodationAskSchema,
  status: accommodationRequestStatusSchema,
  granted: accommodationAskSchema.nullable(),
  declineReason: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  documents: z.array(accommodationDocumentSchema),
});
export type AccommodationRequest = z.infer<typeof accommodationRequestSchema>;

/** One of the candidate's enrolments, with the request deadline and their requests for it. */
export const myAccommodationEnrolmentSchema = z.object({
  enrolmentId: z.string().uuid(),
  sittingName: z.string(),
  startsAt: z.string().nullable(),
  timeZone: z.string(),
  /** The last moment a request is accepted (null: the sitting has no date yet). */
  deadline: z.string().nullable(),
  canRequest: z.boolean(),
  requests: z.array(accommodationRequestSchema),
});
export type MyAccommodationEnrolment = z.infer<typeof myAccommodationEnrolmentSchema>;

export const myAccommodationsResponseSchema = z.object({
  enrolments: z.array(myAccommodationEnrolmentSchema),
  maxDocumentBytes: z.number().int(),
});
export type MyAccommodationsResponse = z.infer<typeof myAccommodationsResponseSchema>;

export const accommodationRequestResponseSchema = z.object({
  request: accommodationRequestSchema,
});
export type AccommodationRequestResponse = z.infer<typeof accommodationRequestResponseSchema>;

export const accommodationRequestListSchema = z.object({
  requests: z.array(accommodationRequestSchema),
});
export type AccommodationRequestList = z.infer<typeof accommodationRequestListSchema>;
