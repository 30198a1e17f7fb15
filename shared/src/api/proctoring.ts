import { z } from 'zod';
import {
  incidentCategorySchema,
  incidentSchema,
  ledgerEntrySchema,
  proctorCandidateSchema,
  proctorSittingSchema,
} from '../protocol/proctor.js';

/**
 * HTTP contract of proctoring: the proctor's actions on one candidate or the whole room, and
 * the candidate's lobby and resume-code entry. Live state comes over `/ws/proctor`.
 */

/** How long an issued resume code may be redeemed. */
export const RESUME_CODE_TTL_MINUTES = 10;
/**
 * A device with a different session needs a resume code to take over a started attempt while
 * the device it replaces is connected, or was within this many minutes.
 */
export const RESUME_CODE_WINDOW_MINUTES = 10;
/** Wrong guesses after which a resume code is void and the proctor must issue another. */
export const RESUME_CODE_MAX_FAILURES = 5;

const reason = z
  .string()
  .trim()
  .min(3, 'Give a reason of at least 3 characters')
  .max(500, 'Keep the reason under 500 characters');

/**
 * What caused a pause, resume, extra time or termination: an incident already recorded, or a
 * written reason, which records a new incident (of `category`, 'other' if none). At least one;
 * with both, the reason is the ledger entry's own words and the incident its cause.
 */
const incidentLink = {
  reason: reason.optional(),
  incidentId: z.string().uuid('Choose an incident from the list').optional(),
  category: incidentCategorySchema.optional(),
};
const linkRequired = {
  message: 'Link the incident that caused this, or give a reason',
  path: ['reason'],
};
const hasLink = (body: { reason?: string | undefined; incidentId?: string | undefined }) =>
  body.reason !== undefined || body.incidentId !== undefined;

export const proctorReasonRequestSchema = z
  .strictObject(incidentLink)
  .refine(hasLink, linkRequired);
export type ProctorReasonRequest = z.infer<typeof proctorReasonRequestSchema>;

export const extendTimeRequestSchema = z
  .strictObject({
    minutes: z.number().int().min(1, 'Add at least 1 minute').max(240, 'Add at most 240 minutes'),
    ...incidentLink,
  })
  .refine(hasLink, linkRequired);
export type ExtendTimeRequest = z.infer<typeof extendTimeRequestSchema>;

/** A disconnect credit names its incident as the other clock actions do, for the report. */
export const creditDisconnectRequestSchema = z
  .strictObject({ disconnectId: z.number().int().positive(), ...incidentLink })
  .refine(hasLink, linkRequired);
export type CreditDisconnectRequest = z.infer<typeof creditDisconnectRequestSchema>;

export const recordIncidentRequestSchema = z.strictObject({
  /** The candidate it concerns, or null for the whole room. */
  enrolmentId: z.string().uuid().nullable(),
  category: incidentCategorySchema,
  note: z
    .string()
    .trim()
    .min(3, 'Describe the incident in at least 3 characters')
    .max(2000, 'Keep the note under 2000 characters'),
});
export type RecordIncidentRequest = z.infer<typeof recordIncidentRequestSchema>;

export const incidentResponseSchema = z.object({ incident: incidentSchema });
export type IncidentResponse = z.infer<typeof incidentResponseSchema>;

export const proctorCandidateResponseSchema = z.object({ candidate: proctorCandidateSchema });
export type ProctorCandidateResponse = z.infer<typeof proctorCandidateResponseSchema>;

/** A room-wide pause or resume: how many candidates' clocks it changed. */
export const roomActionResponseSchema = z.object({
  changed: z.number().int(),
  /** Candidates a room's resume left paused, for their own incident (names). */
  keptPaused: z.array(z.string()),
});
export type RoomActionResponse = z.infer<typeof roomActionResponseSchema>;

export const proctorSittingSummarySchema = proctorSittingSchema.extend({
  candidateCount: z.number().int(),
});
export type ProctorSittingSummary = z.infer<typeof proctorSittingSummarySchema>;
export const proctorSittingsResponseSchema = z.object({
  sittings: z.array(proctorSittingSummarySchema),
});
export type ProctorSittingsResponse = z.infer<typeof proctorSittingsResponseSchema>;

/** A recorded disconnect: when the candidate dropped, when they came back, and the lost clock time. */
export const recordedDisconnectSchema = z.object({
  id: z.number().int(),
  part: z.union([z.literal(1), z.literal(2)]).nullable(),
  from: z.number(),
  /** Null while the candidate is still away. */
  to: z.number().nullable(),
  /** Time the part's clock ran while the candidate was away: what a credit gives back. */
  runningMs: z.number().int(),
  credit: z.object({ ms: z.number().int(), reason: z.string(), at: z.number() }).nullable(),
});
export type RecordedDisconnect = z.infer<typeof recordedDisconnectSchema>;
export const disconnectsResponseSchema = z.object({
  disconnects: z.array(recordedDisconnectSchema),
});
export type DisconnectsResponse = z.infer<typeof disconnectsResponseSchema>;

export const resumeCodeResponseSchema = z.object({
  /** Shown once; only its hash is stored. */
  code: z.string(),
  expiresAt: z.number(),
});
export type ResumeCodeResponse = z.infer<typeof resumeCodeResponseSchema>;

export const redeemResumeCodeRequestSchema = z.strictObject({
  code: z.string().trim().min(1, 'Enter the code').max(20),
});
export type RedeemResumeCodeRequest = z.infer<typeof redeemResumeCodeRequestSchema>;

/** What the candidate's lobby shows about the sitting before it starts. */
export const lobbyResponseSchema = z.object({
  sitting: z.object({
    name: z.string(),
    startsAt: z.number().nullable(),
    timeZone: z.string(),
    location: z.string().nullable(),
    remote: z.boolean(),
  }),
  examEndorsement: z.string(),
  admitted: z.boolean(),
});
export type LobbyResponse = z.infer<typeof lobbyResponseSchema>;

/** A candidate's time ledger, oldest first: every clock event with who, why and its incident. */
export const ledgerResponseSchema = z.object({ entries: z.array(ledgerEntrySchema) });
export type LedgerResponse = z.infer<typeof ledgerResponseSchema>;

/**
 * A sitting's incident report, to file with the credentialing body: every incident, oldest
 * first, with the time effects it caused. Times read in the sitting's time zone, named.
 */
export const incidentReportSchema = z.object({
  sitting: z.object({ id: z.string().uuid(), name: z.string(), timeZone: z.string() }),
  generatedAt: z.number(),
  incidents: z.array(incidentSchema),
});
export type IncidentReport = z.infer<typeof incidentReportSchema>;
