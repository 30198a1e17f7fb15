import { z } from 'zod';
import { categories, examEndorsements, mentorTracks } from '../domain/credential.js';

/**
 * Eligibility and seats (issue 22): authorisations to test, seats and the waitlist, the
 * association's booking settings and the candidate's dates. Times travel as ISO instants (UTC);
 * pages show them in the viewer's zone.
 */

const instant = z.string().datetime({ offset: true });
const partsSchema = z
  .array(z.union([z.literal(1), z.literal(2)]))
  .min(1, 'Choose at least one part')
  .max(2);

export const bookingSettingsSchema = z.strictObject({
  /** 'months': an authorisation lasts windowMonths; 'sittings': through the next N sittings. */
  windowKind: z.enum(['months', 'sittings']),
  windowMonths: z.number().int().min(1).max(60),
  windowSittings: z.number().int().min(1).max(12),
  /** Days before expiry a reminder is mailed. */
  reminderDays: z.array(z.number().int().min(1).max(365)).max(5),
  noShowCountsAsAttempt: z.boolean(),
  /** Accommodation requests close this many days before the sitting. */
  accommodationRequestDays: z.number().int().min(0).max(120),
  /**
   * Days before the free-cancellation cutoff and the accommodation request deadline a booked
   * candidate is reminded of each; 0: no such reminders.
   */
  deadlineReminderDays: z.number().int().min(0).max(60),
});
export type BookingSettings = z.infer<typeof bookingSettingsSchema>;

export const authorisationSourceSchema = z.enum(['import', 'coordinator', 'retake']);
export type AuthorisationSource = z.infer<typeof authorisationSourceSchema>;

export const authorisationSchema = z.object({
  id: z.string().uuid(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  candidateEmail: z.string(),
  examEndorsement: z.string(),
  category: z.string(),
  track: z.string().nullable(),
  parts: z.array(z.number().int()),
  validFrom: z.string(),
  expiresAt: z.string(),
  source: authorisationSourceSchema,
  reference: z.string().nullable(),
  /** Valid now, by the server's clock (both ends inclusive). */
  valid: z.boolean(),
});
export type Authorisation = z.infer<typeof authorisationSchema>;

export const authorisationInputSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  /** The applicant's name: needed when the email has no account here (they are invited). */
  name: z.string().trim().max(200).nullable().optional(),
  examEndorsement: z.enum(examEndorsements),
  category: z.enum(categories),
  track: z.enum(mentorTracks).nullable(),
  parts: partsSchema,
  reference: z.string().trim().max(100).nullable(),
});
export type AuthorisationInput = z.infer<typeof authorisationInputSchema>;

export const authorisationImportColumns = [
  'email',
  'name',
  'exam_endorsement',
  'category',
  'track',
  'parts',
  'reference',
] as const;

export const authorisationImportRequestSchema = z.strictObject({
  csv: z.string().min(1, 'The file is empty').max(500_000, 'The file is larger than 500 kB'),
  /** false: validate and report only. true: import every row, or none if any row has an error. */
  commit: z.boolean(),
});
export type AuthorisationImportRequest = z.infer<typeof authorisationImportRequestSchema>;

export const authorisationImportReportSchema = z.object({
  committed: z.boolean(),
  fileErrors: z.array(z.string()),
  rows: z.array(
    z.object({
      line: z.number().int(),
      email: z.string(),
      examEndorsement: z.string().nullable(),
      category: z.string().nullable(),
      parts: z.array(z.number().int()),
      /** 'grant': an account of the association; 'invite-and-grant': invited first. */
      action: z.enum(['grant', 'invite-and-grant']).nullable(),
      errors: z.array(z.string()),
    }),
  ),
  validCount: z.number().int(),
  errorCount: z.number().int(),
  /** The addresses invited (committed) or to be invited (preview). */
  invited: z.array(z.object({ email: z.string() })),
});
export type AuthorisationImportReport = z.infer<typeof authorisationImportReportSchema>;

/**
 * What entering one authorisation answers: its id for an account of the association; for an
 * address that had to be invited, no id (an address held elsewhere answers exactly the same).
 */
export const authorisationCreatedSchema = z.object({
  id: z.string().uuid().nullable(),
  invited: z.object({ email: z.string() }).nullable(),
});
export type AuthorisationCreated = z.infer<typeof authorisationCreatedSchema>;

export const extendAuthorisationSchema = z.strictObject({
  expiresAt: instant,
  reason: z.string().trim().min(1, 'Say why the authorisation is extended').max(1000),
});
export type ExtendAuthorisation = z.infer<typeof extendAuthorisationSchema>;

export const seatSettingsSchema = z.strictObject({
  /** Null: unlimited. */
  capacity: z.number().int().min(0).max(100_000).nullable(),
  bookingOpensAt: instant.nullable(),
  bookingClosesAt: instant.nullable(),
  cancelCutoffAt: instant.nullable(),
});
export type SeatSettings = z.infer<typeof seatSettingsSchema>;

export const bookingStatusSchema = z.enum(['booked', 'waiting', 'cancelled', 'no-show']);
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

export const sittingBookingSchema = z.object({
  id: z.string().uuid(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  status: bookingStatusSchema,
  /** 1 for the first waiting; null unless waiting. */
  waitPosition: z.number().int().nullable(),
  overCapacityReason: z.string().nullable(),
  noShowCountsAsAttempt: z.boolean().nullable(),
});
export type SittingBooking = z.infer<typeof sittingBookingSchema>;

/** A sitting as the booking pages show it. */
export const seatOfferSchema = z.object({
  sittingId: z.string().uuid(),
  name: z.string(),
  startsAt: z.string().nullable(),
  timeZone: z.string(),
  remote: z.boolean(),
  location: z.string().nullable(),
  capacity: z.number().int().nullable(),
  seatsTaken: z.number().int(),
  /** Null: unlimited. */
  seatsLeft: z.number().int().nullable(),
  bookingOpensAt: z.string().nullable(),
  bookingClosesAt: z.string().nullable(),
  cancelCutoffAt: z.string().nullable(),
  /** The booking window is open now and the sitting still enrols. */
  open: z.boolean(),
  /**
   * For the candidate: the expiry of their authorisation when every one of theirs that could
   * book this sitting expires before it starts (not bookable); null otherwise, and for staff.
   */
  expiresBeforeSitting: z.string().nullable(),
});
export type SeatOffer = z.infer<typeof seatOfferSchema>;

export const sittingSeatsResponseSchema = z.object({
  offer: seatOfferSchema,
  bookings: z.array(sittingBookingSchema),
});
export type SittingSeatsResponse = z.infer<typeof sittingSeatsResponseSchema>;

export const placeCandidateSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  /** Required to place beyond capacity; audited. */
  overCapacityReason: z.string().trim().min(1).max(1000).nullable(),
});
export type PlaceCandidate = z.infer<typeof placeCandidateSchema>;

export const bookSeatSchema = z.strictObject({
  sittingId: z.string().uuid(),
  authorisationId: z.string().uuid(),
});
export type BookSeat = z.infer<typeof bookSeatSchema>;

export const rescheduleSchema = z.strictObject({ sittingId: z.string().uuid() });
export type Reschedule = z.infer<typeof rescheduleSchema>;

export const myBookingSchema = z.object({
  id: z.string().uuid(),
  authorisationId: z.string().uuid(),
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  status: bookingStatusSchema,
  waitPosition: z.number().int().nullable(),
  startsAt: z.string().nullable(),
  cancelCutoffAt: z.string().nullable(),
  /** Before the cutoff (inclusive) and still booked or waiting. */
  canCancel: z.boolean(),
});
export type MyBooking = z.infer<typeof myBookingSchema>;

export const myExamResponseSchema = z.object({
  authorisations: z.array(authorisationSchema),
  bookings: z.array(myBookingSchema),
  offers: z.array(seatOfferSchema),
});
export type MyExamResponse = z.infer<typeof myExamResponseSchema>;

export const bookResultSchema = z.object({
  bookingId: z.string().uuid(),
  status: bookingStatusSchema,
  waitPosition: z.number().int().nullable(),
});
export type BookResult = z.infer<typeof bookResultSchema>;

/** The candidate's dates (issue 22 item 7); null where nothing applies yet. */
export const myDatesResponseSchema = z.object({
  authorisationExpiresAt: z.string().nullable(),
  sittingName: z.string().nullable(),
  bookingOpensAt: z.string().nullable(),
  bookingClosesAt: z.string().nullable(),
  cancelCutoffAt: z.string().nullable(),
  accommodationRequestDeadline: z.string().nullable(),
  checkInOpensAt: z.string().nullable(),
  startsAt: z.string().nullable(),
  /** Null: not applicable (no retake rule has given one). */
  earliestRetakeDate: z.string().nullable(),
});
export type MyDatesResponse = z.infer<typeof myDatesResponseSchema>;
