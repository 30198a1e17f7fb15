import { z } from 'zod';
import { displayPreferenceSchema, itemToolsSchema } from './candidate-tools.js';
import { partNumber, position, serverTimeField, vignettePosition } from './message-fields.js';

/**
 * The welcome (server -> client) and the state shapes it carries: part clocks, questions and
 * stored answers, Part Two's vignettes and responses, held late changes. Other messages reuse
 * some of them (clock.update carries a partClock; the proctor protocol does too).
 */

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
  ...serverTimeField,
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
    /**
     * The proctor has paused the whole room: a part not yet started cannot start (ROOM_PAUSED)
     * until the room's resume, which sends the welcome again. Defaults to false for a server
     * that predates it.
     */
    roomPaused: z.boolean().default(false),
  }),
});
export type Welcome = z.infer<typeof welcomeSchema>;
