import { z } from 'zod';
import { receivedErrorCodeSchema } from '../errors/error-codes.js';
import { deviceChallengeSchema } from './device-proof.js';
import {
  displayAckSchema,
  displayRejectedSchema,
  toolsAckSchema,
  toolsRejectedSchema,
} from './candidate-tools.js';
import { partNumber, seq, serverTimeField, vignettePosition } from './message-fields.js';
import { partClockSchema, partStatusSchema, welcomeSchema } from './welcome.js';

// ---- server -> client ----
// What the server sends the candidate's client (the welcome is in welcome.ts), parsed there
// with parseServerMessage.

export const answerAckSchema = z.object({ type: z.literal('answer.ack'), ...serverTimeField, seq });
export const answerRejectedSchema = z.object({
  type: z.literal('answer.rejected'),
  ...serverTimeField,
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
  ...serverTimeField,
  seq,
  code: z.literal('LATE_HELD'),
  message: z.string(),
});
export const clockUpdateSchema = z.object({
  type: z.literal('clock.update'),
  ...serverTimeField,
  clock: partClockSchema,
  reason: z.string().optional(),
});
export const partClosedSchema = z.object({
  type: z.literal('part.closed'),
  ...serverTimeField,
  part: partNumber,
  status: partStatusSchema,
  reason: z.string(),
});
export const timeSyncReplySchema = z.object({
  type: z.literal('time.sync'),
  ...serverTimeField,
  clientSentAt: z.number(),
});
export const errorMessageSchema = z.object({
  type: z.literal('error'),
  ...serverTimeField,
  code: receivedErrorCodeSchema,
  message: z.string(),
});

export const draftAckSchema = z.object({
  type: z.literal('draft.ack'),
  ...serverTimeField,
  vignette: vignettePosition,
  revision: z.number().int(),
});
export const draftRejectedSchema = z.object({
  type: z.literal('draft.rejected'),
  ...serverTimeField,
  vignette: vignettePosition,
  revision: z.number().int(),
  code: receivedErrorCodeSchema,
  message: z.string(),
});
/** A whole draft held like a late answer (answerHeldSchema). */
export const draftHeldSchema = z.object({
  type: z.literal('draft.held'),
  ...serverTimeField,
  vignette: vignettePosition,
  revision: z.number().int(),
  code: z.literal('LATE_HELD'),
  message: z.string(),
});
export const choiceAckSchema = z.object({
  type: z.literal('choice.ack'),
  ...serverTimeField,
  revision: z.number().int(),
});
export const choiceRejectedSchema = z.object({
  type: z.literal('choice.rejected'),
  ...serverTimeField,
  revision: z.number().int(),
  code: receivedErrorCodeSchema,
  message: z.string(),
});
/** A choice of vignettes held like a late answer (answerHeldSchema). */
export const choiceHeldSchema = z.object({
  type: z.literal('choice.held'),
  ...serverTimeField,
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

export function parseServerMessage(raw: string): ServerMessage | undefined {
  try {
    const parsed = serverMessageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
