import { z } from 'zod';

/** Identity at check-in: evidence from the candidate, a decision from the proctor. */

export const checkInStatusSchema = z.enum([
  'not-started',
  'waiting',
  'submitted',
  'no-camera',
  'admitted',
  'refused',
]);
export type CheckInStatus = z.infer<typeof checkInStatusSchema>;

export const checkInPhotoKindSchema = z.enum(['face', 'id', 'room']);
export type CheckInPhotoKind = z.infer<typeof checkInPhotoKindSchema>;

export const checkInPhotoUploadSchema = z.strictObject({
  kind: checkInPhotoKindSchema,
  /** A JPEG from the webcam (canvas.toDataURL('image/jpeg') without its prefix). */
  dataBase64: z.string().min(1),
});

export const checkInNoCameraSchema = z.strictObject({
  note: z.string().trim().max(500).nullable(),
});

export const checkInDecisionSchema = z.strictObject({
  decision: z.enum(['admit', 'refuse']),
  reason: z.string().trim().min(1, 'Give a reason').max(2000),
});
export type CheckInDecision = z.infer<typeof checkInDecisionSchema>;

export const inPersonCheckInSchema = z.strictObject({
  /** The proctor saw a photo ID that matches the roster name. */
  idMatches: z.literal(true),
  note: z.string().trim().max(500).nullable(),
});

export const checkInPhotoSchema = z.object({
  id: z.string().uuid(),
  kind: checkInPhotoKindSchema,
  takenAt: z.string(),
});

/** The candidate's own check-in, before the lobby. */
export const myCheckInSchema = z.object({
  enrolmentId: z.string().uuid(),
  sittingName: z.string(),
  remote: z.boolean(),
  /** Admission goes through an identity check in this sitting. */
  required: z.boolean(),
  status: checkInStatusSchema,
  photos: z.array(checkInPhotoSchema),
  decisionReason: z.string().nullable(),
});
export type MyCheckIn = z.infer<typeof myCheckInSchema>;
export const myCheckInResponseSchema = z.object({ checkIn: myCheckInSchema });
export type MyCheckInResponse = z.infer<typeof myCheckInResponseSchema>;
/** The candidate's look at their check-in: null when they hold no seat in a sitting open now. */
export const myCheckInLookupSchema = z.object({ checkIn: myCheckInSchema.nullable() });
export type MyCheckInLookup = z.infer<typeof myCheckInLookupSchema>;

/** One roster entry's check-in as the proctor sees it, beside the roster name. */
export const rosterCheckInSchema = z.object({
  enrolmentId: z.string().uuid(),
  name: z.string(),
  mode: z.enum(['in-person', 'remote']),
  status: checkInStatusSchema,
  candidateNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  photos: z.array(checkInPhotoSchema),
  /** The approved accommodations, e.g. "time × 1.5; rest breaks; reader". */
  accommodations: z.string().nullable(),
  accommodationNotes: z.string().nullable(),
});
export type RosterCheckIn = z.infer<typeof rosterCheckInSchema>;
export const rosterCheckInsResponseSchema = z.object({
  required: z.boolean(),
  checkIns: z.array(rosterCheckInSchema),
});
export type RosterCheckInsResponse = z.infer<typeof rosterCheckInsResponseSchema>;
