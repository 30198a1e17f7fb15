import { z } from 'zod';
import { authorisationSchema } from './bookings.js';

/*
 * The candidate's path (issue 22) in their own data export: authorisations to test, bookings,
 * accommodation requests, identity check-ins and retake requests. As in the rest of the export,
 * staff are never named or identified; a decision shows what was decided, why and when.
 */

/** The coordinator's view of an authorisation without the candidate's own name, plus its history. */
export const exportedAuthorisationSchema = authorisationSchema
  .pick({
    id: true,
    examEndorsement: true,
    category: true,
    track: true,
    parts: true,
    validFrom: true,
    expiresAt: true,
    /** The application system's reference, when imported. */
    reference: true,
  })
  .extend({
    associationName: z.string(),
    /** import | coordinator | retake: the stored text as it is, so an export never fails on it. */
    source: z.string(),
    /** Each extension: the expiry before and after, the reason given, and when. */
    extensions: z.array(
      z.object({ at: z.string(), from: z.string(), to: z.string(), reason: z.string() }),
    ),
  });

// Not derived from sittingBookingSchema: the candidate's export names the sitting, not the
// candidate, carries the booking's dates and keeps its field names stable for the export.
export const exportedBookingSchema = z.object({
  id: z.string().uuid(),
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  authorisationId: z.string().uuid(),
  /** booked | waiting | cancelled | no-show */
  status: z.string(),
  /** 1 for the first on the waitlist; null unless waiting. */
  waitlistPosition: z.number().int().nullable(),
  /** A no-show: whether the association's rule counted it as an attempt; null otherwise. */
  noShowCountsAsAttempt: z.boolean().nullable(),
  /** True when a coordinator placed the candidate rather than the candidate booking. */
  placedByStaff: z.boolean(),
  createdAt: z.string(),
  statusAt: z.string(),
});

// Not accommodation-requests' accommodationAskSchema: that one validates (and trims) input; the
// export describes what is stored, which must never fail to parse for the candidate.
const accommodationAskSchema = z.object({
  extraTimePercent: z.number(),
  breaks: z.boolean(),
  largeText: z.boolean(),
  separateRoom: z.boolean(),
  reader: z.boolean(),
  other: z.string().nullable(),
});

export const exportedAccommodationRequestSchema = z.object({
  id: z.string().uuid(),
  enrolmentId: z.string().uuid(),
  sittingId: z.string().uuid(),
  requested: accommodationAskSchema,
  /** pending | approved | declined */
  status: z.string(),
  granted: accommodationAskSchema.nullable(),
  declineReason: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  /**
   * The supporting documents as stored: name, type (from the bytes) and size. The bytes are the
   * candidate's own upload and stay out of the JSON; a retention purge removes the documents.
   */
  documents: z.array(
    z.object({
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      uploadedAt: z.string(),
    }),
  ),
});

export const exportedCheckInSchema = z.object({
  enrolmentId: z.string().uuid(),
  sittingId: z.string().uuid(),
  /** in-person | remote */
  mode: z.string(),
  status: z.string(),
  candidateNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** Which photos were taken and when (face, id, room); not the images themselves. */
  photos: z.array(z.object({ kind: z.string(), sizeBytes: z.number().int(), takenAt: z.string() })),
});

export const exportedRetakeRequestSchema = z.object({
  id: z.string().uuid(),
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  part: z.number().int(),
  /** requested | approved | declined */
  status: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  /** The enrolment an approval created, for that part alone. */
  enrolmentId: z.string().uuid().nullable(),
});

export type ExportedAuthorisation = z.infer<typeof exportedAuthorisationSchema>;
export type ExportedBooking = z.infer<typeof exportedBookingSchema>;
export type ExportedAccommodationRequest = z.infer<typeof exportedAccommodationRequestSchema>;
export type ExportedCheckIn = z.infer<typeof exportedCheckInSchema>;
export type ExportedRetakeRequest = z.infer<typeof exportedRetakeRequestSchema>;
