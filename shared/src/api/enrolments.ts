import { z } from 'zod';
import {
  categories,
  endorsements,
  examEndorsements,
  mentorTracks,
  variants,
} from '../domain/credential.js';

/**
 * HTTP contract of a sitting's enrolments (coordinator console): the enrolled candidates, one
 * enrolment at a time or a CSV import, and the invitations either sends. The sittings themselves
 * are in sittings.ts.
 */

const uuid = z.string().uuid();

export const enrolmentSchema = z.object({
  id: uuid,
  candidateId: uuid,
  email: z.string(),
  displayName: z.string(),
  /** The endorsement the candidate applied for; IECMH-E holds both. */
  endorsement: z.enum(endorsements),
  /** The form they sit: IMH-E or ECMH-E. */
  examEndorsement: z.enum(examEndorsements),
  category: z.enum(categories),
  track: z.enum(mentorTracks).nullable(),
  variant: z.enum(variants).nullable(),
  admitted: z.boolean(),
  enrolledAt: z.string(),
  /** A short description of the accommodations in force, or null. */
  accommodations: z.string().nullable(),
  /** The candidate's attempt once they have opened the exam; null before. */
  attemptId: uuid.nullable(),
  /** The parts this enrolment sits: both, or one for a retake by part. */
  parts: z.array(z.union([z.literal(1), z.literal(2)])),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const enrolmentListResponseSchema = z.object({ enrolments: z.array(enrolmentSchema) });
export type EnrolmentListResponse = z.infer<typeof enrolmentListResponseSchema>;

/** Who is enrolled and for what; checked against the exam rules on the server. */
export const enrolmentCredentialSchema = z.object({
  endorsement: z.enum(endorsements),
  category: z.enum(categories),
  track: z.enum(mentorTracks).nullable(),
  /** Required for IECMH-E; otherwise null or the endorsement itself. */
  examEndorsement: z.enum(examEndorsements).nullable(),
});
export type EnrolmentCredential = z.infer<typeof enrolmentCredentialSchema>;

export const enrolOneRequestSchema = enrolmentCredentialSchema
  .extend({
    candidate: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('existing'), candidateId: uuid }).strict(),
      z
        .object({
          kind: z.literal('new'),
          email: z.string().trim().toLowerCase().email('Enter a valid email address').max(254),
          displayName: z.string().trim().min(1, 'Give the candidate a name').max(200),
        })
        .strict(),
    ]),
    /** Only for a retake by part (one part); both when absent. */
    parts: z
      .array(z.union([z.literal(1), z.literal(2)]))
      .min(1)
      .max(2)
      .optional(),
  })
  .strict();
export type EnrolOneRequest = z.infer<typeof enrolOneRequestSchema>;

/**
 * An address invited to the platform by an enrolment: it receives a single-use link to choose a
 * password (no password is ever made up or shown). An address whose account only another
 * association holds gets the same answer, though nothing is attached (see enrolment.service).
 */
export const invitedCandidateSchema = z.object({ email: z.string() });
export type InvitedCandidate = z.infer<typeof invitedCandidateSchema>;

/**
 * `enrolment` for a candidate of the association; for an address given as new, null and
 * `invited` instead, whether or not an account elsewhere holds it (the answer must not tell).
 */
export const enrolOneResponseSchema = z.object({
  enrolment: enrolmentSchema.nullable(),
  invited: invitedCandidateSchema.nullable(),
});
export type EnrolOneResponse = z.infer<typeof enrolOneResponseSchema>;

/** The CSV columns the import reads; extra columns are ignored. */
export const enrolmentImportColumns = [
  'email',
  'name',
  'endorsement',
  'category',
  'track',
  'exam_endorsement',
] as const;

export const enrolmentImportRequestSchema = z
  .object({
    csv: z.string().min(1, 'The file is empty').max(500_000, 'The file is larger than 500 kB'),
    /** Create candidate accounts for emails that have none; otherwise such rows are errors. */
    createAccounts: z.boolean(),
    /** false: validate and report only. true: import every row, or none if any row has an error. */
    commit: z.boolean(),
  })
  .strict();
export type EnrolmentImportRequest = z.infer<typeof enrolmentImportRequestSchema>;

export const enrolmentImportRowSchema = z.object({
  /** The line in the file, counting the header as line 1. */
  line: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  examEndorsement: z.enum(examEndorsements).nullable(),
  category: z.enum(categories).nullable(),
  track: z.enum(mentorTracks).nullable(),
  variant: z.enum(variants).nullable(),
  /** What importing the row does; null when it has errors. */
  action: z.enum(['enrol', 'create-and-enrol']).nullable(),
  errors: z.array(z.string()),
});
export type EnrolmentImportRow = z.infer<typeof enrolmentImportRowSchema>;

export const enrolmentImportReportSchema = z.object({
  committed: z.boolean(),
  /** Problems with the file as a whole (missing columns, unreadable CSV). */
  fileErrors: z.array(z.string()),
  rows: z.array(enrolmentImportRowSchema),
  validCount: z.number().int(),
  errorCount: z.number().int(),
  /** Addresses sent an invitation (or, if held elsewhere, told: the report does not say which). */
  invited: z.array(invitedCandidateSchema),
});
export type EnrolmentImportReport = z.infer<typeof enrolmentImportReportSchema>;
