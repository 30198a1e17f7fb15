import { z } from 'zod';
import { receivedErrorCodeSchema } from '../errors/error-codes.js';
import { partClockSchema } from './messages.js';

/**
 * The proctor dashboard websocket (`GET /ws/proctor?sitting=<id>`), written once and parsed on
 * both sides. The server pushes; the dashboard never polls. Actions go over HTTP
 * (`/api/proctoring/...`) and come back to every watching dashboard as `candidate.update`.
 *
 * PROCTOR_PROTOCOL_VERSION change log:
 * 1 - hello, time.sync; dashboard.snapshot, candidate.update, alert.raised, incident.recorded,
 *     error.
 * 2 - alert kind `integrity`: a candidate's request was refused by the Safe Exam Browser check.
 * 3 - an incident carries `effects`, the time-ledger entries it caused; `incident.recorded` is
 *     sent again when a later action links to the incident (replace it by id).
 * 4 - Alerts a proctor can act on: a disconnect alert carries `until` (when the candidate came
 *     back; null while away) and is sent again, same id, when they do; every alert carries
 *     `acknowledged`; alert.acknowledge { alertIds } stores the acknowledgement and every
 *     dashboard of the sitting hears alert.acknowledged.
 * 5 - check-in.changed { enrolmentId }: a candidate's identity check-in changed (evidence added,
 *     a decision, on any instance); the dashboard rereads the check-ins instead of polling.
 * 6 - The room's pause: the snapshot carries `roomPause` (since when, and its incident; null
 *     while the room is not paused) and room.changed { roomPause } is sent on every pause or
 *     resume of the whole room, on any instance.
 */
export const PROCTOR_PROTOCOL_VERSION = 6;

/** Proctor frames are small (at most an acknowledgement of 40 alerts); larger is refused. */
export const PROCTOR_MAX_FRAME_BYTES = 4 * 1024;

// ---- client -> server ----

export const proctorHelloSchema = z.strictObject({
  type: z.literal('hello'),
  protocolVersion: z.number().int(),
});
/** The proctor has seen these alerts (of the sitting this socket watches) and dealt with them. */
export const alertAcknowledgeSchema = z.strictObject({
  type: z.literal('alert.acknowledge'),
  alertIds: z.array(z.string().min(1).max(80)).min(1).max(40),
});
export const proctorTimeSyncSchema = z.strictObject({
  type: z.literal('time.sync'),
  clientSentAt: z.number().finite(),
});
export const proctorClientMessageSchema = z.discriminatedUnion('type', [
  proctorHelloSchema,
  proctorTimeSyncSchema,
  alertAcknowledgeSchema,
]);
export type ProctorClientMessage = z.infer<typeof proctorClientMessageSchema>;

// ---- server -> client ----

/**
 * Where a candidate is, as the proctor sees it. `waiting` means connected (or once connected)
 * but not yet admitted; `admitted` means admitted and not yet started; `between-parts` means
 * Part One is closed and Part Two not started.
 */
export const candidateStateSchema = z.enum([
  'not-arrived',
  'waiting',
  'admitted',
  'part-one',
  'paused',
  'between-parts',
  'part-two',
  'submitted',
  'ended',
]);
export type CandidateState = z.infer<typeof candidateStateSchema>;

export const candidateConnectionSchema = z.object({
  status: z.enum(['never', 'connected', 'disconnected']),
  /** Epoch ms of the latest connect or disconnect; null when never connected. */
  since: z.number().nullable(),
});
export type CandidateConnection = z.infer<typeof candidateConnectionSchema>;

export const proctorCandidateSchema = z.object({
  enrolmentId: z.string().uuid(),
  attemptId: z.string().uuid().nullable(),
  name: z.string(),
  email: z.string(),
  examEndorsement: z.string(),
  category: z.string(),
  track: z.string().nullable(),
  admittedAt: z.number().nullable(),
  /** The parts this enrolment sits, when not both (a retake by part); absent for both. */
  parts: z.array(z.union([z.literal(1), z.literal(2)])).optional(),
  state: candidateStateSchema,
  connection: candidateConnectionSchema,
  /** The part the clock below belongs to: the first one not closed, else the last. */
  currentPart: z.union([z.literal(1), z.literal(2)]).nullable(),
  /** The current part's clock; the dashboard shows `deadline - (now + skew)` while it runs. */
  clock: partClockSchema.nullable(),
  /** Part One questions with an answer, of `questionCount`. */
  answered: z.number().int(),
  questionCount: z.number().int(),
  /** Part Two responses with any words in them. */
  responsesWritten: z.number().int(),
});
export type ProctorCandidate = z.infer<typeof proctorCandidateSchema>;

export const proctorAlertSchema = z.object({
  /** Stable across snapshots, so a dashboard can tell new alerts from ones it has shown. */
  id: z.string(),
  at: z.number(),
  kind: z.enum(['disconnect', 'takeover', 'integrity']),
  enrolmentId: z.string().uuid(),
  candidateName: z.string(),
  message: z.string(),
  /** A disconnect's end: when the candidate was back; null while still away. */
  until: z.number().nullable().optional(),
  /** A proctor of the sitting acknowledged it (stored, so every dashboard agrees). */
  acknowledged: z.boolean().default(false),
});
export type ProctorAlert = z.infer<typeof proctorAlertSchema>;

export const incidentCategorySchema = z.enum(['environment', 'candidate', 'technical', 'other']);
export type IncidentCategory = z.infer<typeof incidentCategorySchema>;

/**
 * One entry of a candidate's time ledger: a clock event with who and why. `accommodation` is a
 * coordinator's accommodation change; `end` a proctor's termination (kept for its incident).
 */
export const ledgerEntrySchema = z.object({
  id: z.number().int(),
  enrolmentId: z.string().uuid(),
  candidateName: z.string(),
  part: z.union([z.literal(1), z.literal(2)]),
  kind: z.enum(['start', 'pause', 'resume', 'extend', 'accommodation', 'end']),
  at: z.number(),
  /** Time added (negative when taken) for extend and accommodation; null otherwise. */
  ms: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** Who made it; null for the server's own entries (an outage credit). */
  actor: z.string().nullable(),
  incidentId: z.string().uuid().nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const incidentSchema = z.object({
  id: z.string().uuid(),
  at: z.number(),
  category: incidentCategorySchema,
  note: z.string(),
  /** The candidate it concerns, or null for the whole room. */
  enrolmentId: z.string().uuid().nullable(),
  candidateName: z.string().nullable(),
  recordedBy: z.string(),
  /** The time-ledger entries (pause, resume, extra time, termination) this incident caused. */
  effects: z.array(ledgerEntrySchema),
});
export type Incident = z.infer<typeof incidentSchema>;

export const proctorSittingSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  status: z.string(),
  startsAt: z.number().nullable(),
  timeZone: z.string(),
});
export type ProctorSitting = z.infer<typeof proctorSittingSchema>;

/**
 * The whole room is paused (stored on the sitting, so it outlives a reload or a restart): since
 * when, and the room-wide incident that caused it, as the incident list shows it (null if that
 * incident cannot be found).
 */
export const proctorRoomPauseSchema = z.object({
  since: z.number(),
  incident: z
    .object({ id: z.string().uuid(), category: incidentCategorySchema, note: z.string() })
    .nullable(),
});
export type ProctorRoomPause = z.infer<typeof proctorRoomPauseSchema>;

const base = { serverTime: z.number() };

export const dashboardSnapshotSchema = z.object({
  type: z.literal('dashboard.snapshot'),
  ...base,
  protocolVersion: z.number().int(),
  sitting: proctorSittingSchema,
  candidates: z.array(proctorCandidateSchema),
  /** The most recent alerts, newest first. */
  alerts: z.array(proctorAlertSchema),
  /** Every incident recorded for the sitting, newest first. */
  incidents: z.array(incidentSchema),
  /** The room's pause in force; null while the room is not paused. */
  roomPause: proctorRoomPauseSchema.nullable(),
});
export type DashboardSnapshot = z.infer<typeof dashboardSnapshotSchema>;

export const candidateUpdateSchema = z.object({
  type: z.literal('candidate.update'),
  ...base,
  candidate: proctorCandidateSchema,
});
export const alertRaisedSchema = z.object({
  type: z.literal('alert.raised'),
  ...base,
  alert: proctorAlertSchema,
});
export const alertAcknowledgedSchema = z.object({
  type: z.literal('alert.acknowledged'),
  ...base,
  alertIds: z.array(z.string()),
});
export const incidentRecordedSchema = z.object({
  type: z.literal('incident.recorded'),
  ...base,
  incident: incidentSchema,
});
export const checkInChangedSchema = z.object({
  type: z.literal('check-in.changed'),
  ...base,
  enrolmentId: z.string().uuid(),
});
/** The whole room was paused or resumed (on any instance): its state now. */
export const roomChangedSchema = z.object({
  type: z.literal('room.changed'),
  ...base,
  roomPause: proctorRoomPauseSchema.nullable(),
});
export const proctorTimeSyncReplySchema = z.object({
  type: z.literal('time.sync'),
  ...base,
  clientSentAt: z.number(),
});
export const proctorErrorSchema = z.object({
  type: z.literal('error'),
  ...base,
  code: receivedErrorCodeSchema,
  message: z.string(),
});

export const proctorServerMessageSchema = z.discriminatedUnion('type', [
  dashboardSnapshotSchema,
  candidateUpdateSchema,
  alertRaisedSchema,
  alertAcknowledgedSchema,
  incidentRecordedSchema,
  checkInChangedSchema,
  roomChangedSchema,
  proctorTimeSyncReplySchema,
  proctorErrorSchema,
]);
export type ProctorServerMessage = z.infer<typeof proctorServerMessageSchema>;

/** Parses a raw frame from a dashboard; returns the problem instead of throwing. */
export function parseProctorClientMessage(
  raw: string,
): { ok: true; message: ProctorClientMessage } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'Message is not valid JSON.' };
  }
  const parsed = proctorClientMessageSchema.safeParse(json);
  return parsed.success
    ? { ok: true, message: parsed.data }
    : { ok: false, problem: 'Message has the wrong shape.' };
}

export function parseProctorServerMessage(raw: string): ProctorServerMessage | undefined {
  try {
    const parsed = proctorServerMessageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
