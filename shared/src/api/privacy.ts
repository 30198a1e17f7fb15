import { z } from 'zod';
import {
  exportedAccommodationRequestSchema,
  exportedAuthorisationSchema,
  exportedBookingSchema,
  exportedCheckInSchema,
  exportedRetakeRequestSchema,
} from './privacy-path.js';

export * from './privacy-path.js';

/*
 * What a candidate downloads about themself (GET /api/privacy/my-data), and the association's
 * retention purge (dry run, confirmation). The export holds the candidate's own rows from every
 * module; it never holds answer keys beyond the released result, graders' identities, or anyone
 * else's data, so staff appear only as "staff", never by name or id.
 */

const json = z.record(z.string(), z.unknown());

export const myAccountSchema = z.object({
  id: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const myMembershipSchema = z.object({
  associationName: z.string(),
  associationShortName: z.string(),
  roles: z.array(z.string()),
  since: z.string(),
});

export const mySessionSchema = z.object({
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const myProfileSchema = z.object({
  endorsement: z.string(),
  category: z.string(),
  track: z.string().nullable(),
  accommodations: z.object({
    timeMultiplier: z.number(),
    extraMinutesPart1: z.number(),
    extraMinutesPart2: z.number(),
    breaks: z.boolean(),
    largeText: z.boolean(),
    highContrast: z.boolean(),
    notes: z.string().nullable(),
    validUntil: z.string().nullable(),
  }),
});

export const myEnrolmentSchema = z.object({
  id: z.string().uuid(),
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  sittingDate: z.string().nullable(),
  associationName: z.string(),
  examEndorsement: z.string(),
  category: z.string(),
  track: z.string().nullable(),
  enrolledAt: z.string(),
  admittedAt: z.string().nullable(),
});

export const myAttemptSchema = z.object({
  id: z.string().uuid(),
  enrolmentId: z.string().uuid(),
  createdAt: z.string(),
  parts: z.array(
    z.object({
      part: z.number().int(),
      startedAt: z.string().nullable(),
      deadlineAt: z.string().nullable(),
      timeMultiplier: z.number(),
      extraMinutes: z.number().int(),
      closedStatus: z.string().nullable(),
      closedAt: z.string().nullable(),
    }),
  ),
  /** Part One: the option chosen at each position, as the candidate saw the options. */
  answers: z.array(
    z.object({
      position: z.number().int(),
      choice: z.number().int().nullable(),
      flagged: z.boolean(),
      updatedAt: z.string(),
    }),
  ),
  answerHistory: z.array(
    z.object({
      seq: z.number().int(),
      position: z.number().int(),
      choice: z.number().int().nullable(),
      flagged: z.boolean(),
      savedAt: z.string(),
    }),
  ),
  vignettesChosen: z.array(z.number().int()).nullable(),
  responses: z.array(
    z.object({
      vignette: z.number().int(),
      revision: z.number().int(),
      words: z.number().int(),
      doc: json,
      updatedAt: z.string(),
    }),
  ),
  responseSnapshots: z.array(
    z.object({
      vignette: z.number().int(),
      revision: z.number().int(),
      words: z.number().int(),
      reason: z.string(),
      doc: json,
      at: z.string(),
    }),
  ),
  draftPatches: z.array(
    z.object({
      vignette: z.number().int(),
      base: z.number().int(),
      revision: z.number().int(),
      steps: z.array(z.unknown()),
      at: z.string(),
    }),
  ),
  clockEvents: z.array(
    z.object({
      part: z.number().int(),
      type: z.string(),
      at: z.string(),
      ms: z.number().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  connectionEvents: z.array(z.object({ type: z.string(), at: z.string() })),
  lateChanges: z.array(
    z.object({
      part: z.number().int(),
      kind: z.string(),
      position: z.number().int(),
      payload: json,
      arrivedAt: z.string(),
      status: z.string(),
      decidedAt: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  /** True once the association's retention period purged the responses and answer history. */
  responsesPurged: z.boolean(),
});

export const myIncidentSchema = z.object({
  sittingId: z.string().uuid(),
  category: z.string(),
  note: z.string(),
  recordedAt: z.string(),
});

export const myResultSchema = z.object({
  attemptId: z.string().uuid(),
  sittingId: z.string().uuid(),
  passed: z.boolean(),
  releasedAt: z.string(),
  /** The released result exactly as the candidate's results page shows it. */
  result: json,
});

export const myLetterSchema = z.object({
  identifier: z.string(),
  associationName: z.string(),
  endorsement: z.string(),
  passed: z.boolean(),
  sittingDate: z.string(),
  issuedAt: z.string(),
});

export const myAuditEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  /** you: the candidate did it; staff: someone else (never named); system: no actor. */
  actor: z.enum(['you', 'staff', 'system']),
});

export const myDataSchema = z.object({
  generatedAt: z.string(),
  account: myAccountSchema,
  memberships: z.array(myMembershipSchema),
  sessions: z.array(mySessionSchema),
  profile: myProfileSchema.nullable(),
  enrolments: z.array(myEnrolmentSchema),
  authorisations: z.array(exportedAuthorisationSchema),
  bookings: z.array(exportedBookingSchema),
  accommodationRequests: z.array(exportedAccommodationRequestSchema),
  checkIns: z.array(exportedCheckInSchema),
  retakeRequests: z.array(exportedRetakeRequestSchema),
  attempts: z.array(myAttemptSchema),
  incidents: z.array(myIncidentSchema),
  results: z.array(myResultSchema),
  letters: z.array(myLetterSchema),
  audit: z.array(myAuditEntrySchema),
});
export type MyData = z.infer<typeof myDataSchema>;
export type MyAccount = z.infer<typeof myAccountSchema>;
export type MyMembership = z.infer<typeof myMembershipSchema>;
export type MySession = z.infer<typeof mySessionSchema>;
export type MyProfile = z.infer<typeof myProfileSchema>;
export type MyEnrolment = z.infer<typeof myEnrolmentSchema>;
export type MyAttempt = z.infer<typeof myAttemptSchema>;
export type MyIncident = z.infer<typeof myIncidentSchema>;
export type MyResult = z.infer<typeof myResultSchema>;
export type MyLetter = z.infer<typeof myLetterSchema>;
export type MyAuditEntry = z.infer<typeof myAuditEntrySchema>;

/** One sitting whose responses the retention period has reached, and what a purge would remove. */
export const retentionSittingSchema = z.object({
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  associationName: z.string(),
  retentionYears: z.number().int(),
  /** The latest release among the sitting's purgeable attempts. */
  releasedBefore: z.string(),
  attempts: z.number().int(),
  responses: z.number().int(),
  responseSnapshots: z.number().int(),
  draftPatches: z.number().int(),
  answerSaves: z.number().int(),
  /** Set when a coordinator confirmed the purge; the leader's job then carries it out. */
  confirmedAt: z.string().nullable(),
});
export type RetentionSitting = z.infer<typeof retentionSittingSchema>;

export const retentionPreviewResponseSchema = z.object({
  sittings: z.array(retentionSittingSchema),
});
export type RetentionPreviewResponse = z.infer<typeof retentionPreviewResponseSchema>;

export const retentionConfirmRequestSchema = z.strictObject({
  sittingIds: z.array(z.string().uuid()).min(1).max(500),
});
export type RetentionConfirmRequest = z.infer<typeof retentionConfirmRequestSchema>;

export const retentionConfirmResponseSchema = z.object({ confirmed: z.number().int() });
export type RetentionConfirmResponse = z.infer<typeof retentionConfirmResponseSchema>;
