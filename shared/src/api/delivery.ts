import { z } from 'zod';

/** One stored version of a Part Two response, as a coordinator reviews how it grew. */
export const responseSnapshotViewSchema = z.object({
  id: z.number().int(),
  revision: z.number().int(),
  words: z.number().int(),
  at: z.string(),
  reason: z.string(),
  /** Rendered on the server from the stored document; never the candidate's raw input. */
  html: z.string(),
});
export type ResponseSnapshotView = z.infer<typeof responseSnapshotViewSchema>;

export const responseHistorySchema = z.object({
  attemptId: z.string().uuid(),
  vignette: z.number().int(),
  current: z
    .object({ revision: z.number().int(), words: z.number().int(), html: z.string() })
    .nullable(),
  snapshots: z.array(responseSnapshotViewSchema),
});
export type ResponseHistory = z.infer<typeof responseHistorySchema>;

export const restoreResponseRequestSchema = z.object({
  snapshotId: z.number().int().positive(),
  reason: z.string().trim().min(3, 'Say why the response is restored').max(500),
});
export type RestoreResponseRequest = z.infer<typeof restoreResponseRequestSchema>;

/** One vignette of the candidate's Part Two set, with what is stored for it. */
export const attemptResponseSummarySchema = z.object({
  vignette: z.number().int(),
  title: z.string(),
  /** Whether the candidate has marked it as one they answer. */
  chosen: z.boolean(),
  /** Null while nothing is stored for this vignette. */
  words: z.number().int().nullable(),
  revision: z.number().int().nullable(),
  savedAt: z.string().nullable(),
  /** How many versions the history holds. */
  versions: z.number().int(),
});
export type AttemptResponseSummary = z.infer<typeof attemptResponseSummarySchema>;

/** A candidate's Part Two responses, as a coordinator finds them from the sitting's roster. */
export const attemptResponsesSchema = z.object({
  attemptId: z.string().uuid(),
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  /** The sitting's IANA time zone: the response pages show times in it, not the browser's. */
  timeZone: z.string(),
  candidateName: z.string(),
  /** not-started | running | paused | submitted | expired | ended */
  partTwoStatus: z.string(),
  setTitle: z.string().nullable(),
  responses: z.array(attemptResponseSummarySchema),
});
export type AttemptResponses = z.infer<typeof attemptResponsesSchema>;
