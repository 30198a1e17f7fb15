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
