import { z } from 'zod';
import { receivedErrorCodeSchema } from '../errors/error-codes.js';
import { MAX_ESSAY_BYTES, MAX_STEPS_PER_PATCH } from '../editor/limits.js';
import { deviceChallengeSchema, deviceClaimSchema, deviceProveSchema } from './device-proof.js';
import {
  displayAckSchema,
  displayPreferenceSchema,
  displayRejectedSchema,
  displaySetSchema,
  itemToolsSchema,
  toolsAckSchema,
  toolsRejectedSchema,
  toolsSaveSchema,
} from './candidate-tools.js';

// The limits a client sizes its drafts and patches by, with the frames they travel in.
export { MAX_ESSAY_BYTES, MAX_STEPS_PER_PATCH };

/**
 * The candidate websocket contract, written once and parsed on both sides.
 *
 * PROTOCOL_VERSION change log:
 * 1 - hello/welcome, answer.save/ack/rejected, part.start/part.submit, clock.update, part.closed.
 * 2 - Part Two: draft.save/ack/rejected, choice.set/ack/rejected, paste.record; welcome carries
 *     admission and the Part Two set, and is sent again whenever either changes.
 * 3 - welcome carries the attemptId, so a device's outbox never replays into another attempt.
 * 4 - draft.patch: the editor's changes since a revision the server holds, acknowledged (or
 *     refused) with draft.ack/draft.rejected like a whole draft.
 * 5 - Late changes: answer.save and draft.save carry `madeAt` (the client's claim, evidence
 *     only); a change past the deadline and grace is held for a proctor and answered with
 *     answer.held/draft.held (code LATE_HELD), never an ack; the welcome lists held changes and
 *     their decisions.
 * 6 - choice.set carries `madeAt` too; a choice of vignettes past the deadline and grace is held
 *     like a late answer (choice.held, code LATE_HELD; kind 'choice', position 0, in the welcome).
 * 7 - Same-device resume: hello may carry `device.publicKey`; the server then sends
 *     device.challenge { nonce } and waits for device.prove { signature } before opening the
 *     attempt. A proven key registered with the attempt needs no resume code (device-proof.ts).
 * 8 - Candidate tools (candidate-tools.ts): tools.save (struck options, highlights, a note per
 *     question or vignette) answered by tools.ack/tools.rejected, display.set (larger text, high
 *     contrast) by display.ack/display.rejected; the welcome restores `tools` and
 *     `displayPreference`. Part One frames may now be 16 KiB (a note travels in one).
 */
export const PROTOCOL_VERSION = 8;

/**
 * Part One answer frames are tiny, but a question's notes pad (at most NOTE_MAX_CHARS) travels
 * in one frame too; anything larger is refused before parsing.
 */
export const PART_ONE_MAX_FRAME_BYTES = 16 * 1024;

/** A draft frame carries a whole essay document plus a small envelope. */
export const DRAFT_MAX_FRAME_BYTES = MAX_ESSAY_BYTES + 4 * 1024;

/**
 * The least time between two of the client's `draft.patch` frames for a vignette: a keystroke
 * waits at most this long to leave. At 200 ms a candidate typing 3-5 characters a second sent
 * nearly one frame per keystroke, and each frame costs the server a receive, a row, a commit's
 * share and an ack whatever it carries (issue 23: twice Hocuspocus's CPU per keystroke and 1.3-1.6
 * times its WAL). At 500 ms a frame carried about two keystrokes, and the frames' fixed costs were
 * still most of the server's CPU per keystroke (1.0-1.3 times Hocuspocus's at 250 editors); at
 * 800 ms a frame carries three or four, the server spends about a third less per keystroke, and a
 * keystroke is still durable within a second (the bench's p99 is the interval plus the commit).
 * What the candidate typed is kept on the device meanwhile (the journal), as it always was. The
 * bench's editors send at this interval too (bench/essay-ours-editor.ts).
 */
export const DRAFT_PATCH_INTERVAL_MS = 800;

const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const partNumber = z.union([z.literal(1), z.literal(2)]);
const position = z.number().int().min(1).max(500);
/**
 * When the client says it made a change: its clock corrected by the skew it measured, so in
 * server time. Shown to whoever decides a held late change; it decides nothing by itself.
 */
const madeAt = z.number().int().min(0).max(8.64e15).optional();

// ---- client -> server ----

export const helloSchema = z.strictObject({
  type: z.literal('hello'),
  protocolVersion: z.number().int(),
  /** Highest sequence number this device has seen acknowledged (0 if none). */
  lastAckedSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** This browser's device key, so a reconnect on the same device needs no resume code. */
  device: deviceClaimSchema.optional(),
});

/** The whole state of one question; select, change, clear and flag are all this message. */
export const answerSaveSchema = z.strictObject({
  type: z.literal('answer.save'),
  seq,
  position,
  /** Index of the option as displayed to this candidate, or null for cleared. */
  choice: z.number().int().min(0).max(3).nullable(),
  flagged: z.boolean(),
  madeAt,
});

export const partStartSchema = z.strictObject({ type: z.literal('part.start'), part: partNumber });
export const partSubmitSchema = z.strictObject({
  type: z.literal('part.submit'),
  part: partNumber,
});
export const timeSyncSchema = z.strictObject({
  type: z.literal('time.sync'),
  clientSentAt: z.number().finite(),
});

const vignettePosition = z.number().int().min(1).max(10);
const revision = z.number().int().min(1).max(2_000_000_000);

/** The whole current document of one response; the server validates it against the editor schema. */
export const draftSaveSchema = z.strictObject({
  type: z.literal('draft.save'),
  vignette: vignettePosition,
  revision,
  doc: z.unknown(),
  madeAt,
});

/**
 * The editor's steps (ProseMirror step JSON) that turn revision `base`, which this connection
 * saved or patched, into revision `revision`. A few hundred milliseconds of typing in a frame of
 * a few hundred bytes, so a keystroke is durable long before the next whole draft. A patch the
 * server cannot apply is refused and the client sends the whole draft instead.
 */
export const draftPatchSchema = z
  .strictObject({
    type: z.literal('draft.patch'),
    vignette: vignettePosition,
    base: revision,
    revision,
    /** The editor document's ProseMirror size after the steps: a cheap check both agree. */
    size: z.number().int().min(0),
    steps: z.array(z.unknown()).min(1).max(MAX_STEPS_PER_PATCH),
  })
  .refine((patch) => patch.revision > patch.base, {
    message: 'revision must be above base',
    path: ['revision'],
  });

/** Which vignettes the candidate answers; may change until Part Two is submitted. */
export const choiceSetSchema = z.strictObject({
  type: z.literal('choice.set'),
  revision,
  chosen: z.array(vignettePosition).max(10),
  madeAt,
});

/** A paste in the editor, recorded whatever the policy did with it. */
export const pasteRecordSchema = z.strictObject({
  type: z.literal('paste.record'),
  vignette: vignettePosition,
  chars: z.number().int().min(0).max(100_000_000),
  outcome: z.enum(['pasted', 'plain-text', 'blocked']),
});

export const clientMessageSchema = z.discriminatedUnion('type', [
  helloSchema,
  answerSaveSchema,
  partStartSchema,
  partSubmitSchema,
  timeSyncSchema,
  draftSaveSchema,
  draftPatchSchema,
  choiceSetSchema,
  pasteRecordSchema,
  deviceProveSchema,
  toolsSaveSchema,
  displaySetSchema,
]);
export type DraftSave = z.infer<typeof draftSaveSchema>;
export type DraftPatch = z.infer<typeof draftPatchSchema>;
export type ChoiceSet = z.infer<typeof choiceSetSchema>;
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type AnswerSave = z.infer<typeof answerSaveSchema>;

// ---- server -> client ----

export const partStatusSchema = z.enum([
  'not-started',
  'running',
  'paused',
  'submitted',
  'expired',
  'ended',
]);
export type PartStatus = z.infer<typeof partStatusSchema>;

export const partClockSchema = z.object({
  part: partNumber,
  status: partStatusSchema,
  /** Epoch ms on the server's clock; null unless running. */
  deadline: z.number().nullable(),
  remainingMs: z.number(),
  allowedMs: z.number(),
  /** A part this enrolment does not sit (a retake of the other part): closed, never started. */
  notSat: z.boolean().optional(),
});
export type PartClock = z.infer<typeof partClockSchema>;

export const questionSchema = z.object({
  position,
  stem: z.string(),
  /** In this candidate's display order; never with the key. */
  options: z.array(z.string()).length(4),
});
export type Question = z.infer<typeof questionSchema>;

export const storedAnswerSchema = z.object({
  position,
  choice: z.number().int().min(0).max(3).nullable(),
  flagged: z.boolean(),
  seq: z.number().int(),
});
export type StoredAnswer = z.infer<typeof storedAnswerSchema>;

const base = { serverTime: z.number() };

export const vignetteSchema = z.object({
  position: vignettePosition,
  title: z.string(),
  caseText: z.array(z.string()),
  prompts: z.array(z.string()),
});
export type VignetteView = z.infer<typeof vignetteSchema>;

export const partTwoPoliciesSchema = z.object({
  spellcheck: z.boolean(),
  paste: z.enum(['allowed', 'plain-text', 'blocked']),
  /** Warns past this many words; never blocks saving or submitting. */
  wordLimit: z.number().int().positive().nullable(),
});
export type PartTwoPolicies = z.infer<typeof partTwoPoliciesSchema>;

export const storedResponseSchema = z.object({
  vignette: vignettePosition,
  revision: z.number().int(),
  doc: z.unknown(),
  words: z.number().int(),
});
export type StoredResponse = z.infer<typeof storedResponseSchema>;

export const partTwoStateSchema = z.object({
  title: z.string(),
  instructions: z.string(),
  requiredCount: z.number().int(),
  vignettes: z.array(vignetteSchema),
  responses: z.array(storedResponseSchema),
  chosen: z.array(vignettePosition),
  choiceRevision: z.number().int(),
  policies: partTwoPoliciesSchema,
});
export type PartTwoState = z.infer<typeof partTwoStateSchema>;

/** A change held after the deadline, as the candidate's device sees it. */
export const lateChangeStatusSchema = z.object({
  kind: z.enum(['answer', 'draft', 'choice']),
  /** Question position (answer), vignette position (draft), or 0 (the choice of vignettes). */
  position: z.number().int().min(0).max(500),
  /** The answer's seq or the draft's revision. */
  seq: z.number().int(),
  status: z.enum(['held', 'accepted', 'declined']),
  reason: z.string().nullable(),
});
export type LateChangeStatus = z.infer<typeof lateChangeStatusSchema>;

export const welcomeSchema = z.object({
  type: z.literal('welcome'),
  ...base,
  protocolVersion: z.number(),
  attempt: z.object({
    /** The candidate's own attempt; the client keys its outbox by it. */
    attemptId: z.string(),
    sittingName: z.string(),
    parts: z.array(partClockSchema),
    questions: z.array(questionSchema),
    answers: z.array(storedAnswerSchema),
    /** Highest sequence number stored for this attempt: new saves must go above it. */
    maxSeq: z.number().int(),
    /** A proctor has admitted the candidate; until then they wait in the lobby. */
    admitted: z.boolean(),
    /** Shown once Part Two may be seen (Part One closed); null before. */
    partTwo: partTwoStateSchema.nullable(),
    /** Why this candidate cannot sit Part Two, if they cannot. */
    partTwoProblem: z.string().nullable(),
    /** Display accommodations from the candidate's profile, applied to the whole screen. */
    display: z
      .object({ largeText: z.boolean(), highContrast: z.boolean(), breaks: z.boolean() })
      .default({ largeText: false, highContrast: false, breaks: false }),
    /** Changes that arrived after time ran out: held for a proctor, then accepted or declined. */
    lateChanges: z.array(lateChangeStatusSchema).default([]),
    /** The candidate's tools per question and vignette (struck options, highlights, notes). */
    tools: z.array(itemToolsSchema).default([]),
    /** The display the candidate chose; `display` (the accommodation) applies on top of it. */
    displayPreference: displayPreferenceSchema.default({
      revision: 0,
      largeText: false,
      highContrast: false,
    }),
  }),
});
export type Welcome = z.infer<typeof welcomeSchema>;

export const answerAckSchema = z.object({ type: z.literal('answer.ack'), ...base, seq });
export const answerRejectedSchema = z.object({
  type: z.literal('answer.rejected'),
  ...base,
  seq,
  code: receivedErrorCodeSchema,
  message: z.string(),
});
/**
 * The save arrived after the deadline and grace: it is stored as a held late change (committed
 * before this is sent), not as the answer. A proctor accepts or declines it; until then the
 * device keeps it.
 */
export const answerHeldSchema = z.object({
  type: z.literal('answer.held'),
  ...base,
  seq,
  code: z.literal('LATE_HELD'),
  message: z.string(),
});
export const clockUpdateSchema = z.object({
  type: z.literal('clock.update'),
  ...base,
  clock: partClockSchema,
  reason: z.string().optional(),
});
export const partClosedSchema = z.object({
  type: z.literal('part.closed'),
  ...base,
  part: partNumber,
  status: partStatusSchema,
  reason: z.string(),
});
export const timeSyncReplySchema = z.object({
  type: z.literal('time.sync'),
  ...base,
  clientSentAt: z.number(),
});
export const errorMessageSchema = z.object({
  type: z.literal('error'),
  ...base,
  code: receivedErrorCodeSchema,
  message: z.string(),
});

export const draftAckSchema = z.object({
  type: z.literal('draft.ack'),
  ...base,
  vignette: vignettePosition,
  revision: z.number().int(),
});
export const draftRejectedSchema = z.object({
  type: z.literal('draft.rejected'),
  ...base,
  vignette: vignettePosition,
  revision: z.number().int(),
  code: receivedErrorCodeSchema,
  message: z.string(),
});
/** A whole draft held like a late answer (answerHeldSchema). */
export const draftHeldSchema = z.object({
  type: z.literal('draft.held'),
  ...base,
  vignette: vignettePosition,
  revision: z.number().int(),
  code: z.literal('LATE_HELD'),
  message: z.string(),
});
export const choiceAckSchema = z.object({
  type: z.literal('choice.ack'),
  ...base,
  revision: z.number().int(),
});
export const choiceRejectedSchema = z.object({
  type: z.literal('choice.rejected'),
  ...base,
  revision: z.number().int(),
  code: receivedErrorCodeSchema,
  message: z.string(),
});
/** A choice of vignettes held like a late answer (answerHeldSchema). */
export const choiceHeldSchema = z.object({
  type: z.literal('choice.held'),
  ...base,
  revision: z.number().int(),
  code: z.literal('LATE_HELD'),
  message: z.string(),
});
export const serverMessageSchema = z.discriminatedUnion('type', [
  draftAckSchema,
  draftRejectedSchema,
  draftHeldSchema,
  choiceAckSchema,
  choiceRejectedSchema,
  choiceHeldSchema,
  welcomeSchema,
  answerAckSchema,
  answerRejectedSchema,
  answerHeldSchema,
  clockUpdateSchema,
  partClosedSchema,
  timeSyncReplySchema,
  errorMessageSchema,
  deviceChallengeSchema,
  toolsAckSchema,
  toolsRejectedSchema,
  displayAckSchema,
  displayRejectedSchema,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** Parses a raw frame; returns a description of the problem instead of throwing. */
export function parseClientMessage(
  raw: string,
): { ok: true; message: ClientMessage } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'Message is not valid JSON.' };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      problem: `Message has the wrong shape${issue ? ` at ${issue.path.join('.') || 'root'}: ${issue.message}` : ''}.`,
    };
  }
  return { ok: true, message: parsed.data };
}

export function parseServerMessage(raw: string): ServerMessage | undefined {
  try {
    const parsed = serverMessageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
