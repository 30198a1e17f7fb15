import { z } from 'zod';
import { MAX_STEPS_PER_PATCH } from '../editor/limits.js';
import { deviceClaimSchema, deviceProveSchema } from './device-proof.js';
import { displaySetSchema, toolsSaveSchema } from './candidate-tools.js';
import { madeAt, partNumber, position, revision, seq, vignettePosition } from './message-fields.js';

// ---- client -> server ----
// What the candidate's client sends; the server parses every frame with parseClientMessage.

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
