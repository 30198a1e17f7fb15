import { z } from 'zod';

/** When a sitting moves on by itself (ISO instants, UTC), and any hold a person put on that. */
export const sittingClockSchema = z.object({
  sittingId: z.string().uuid(),
  status: z.string(),
  checkInOpensAt: z.string().nullable(),
  startsAt: z.string().nullable(),
  lateCutoffAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  heldUntil: z.string().nullable(),
});
export type SittingClock = z.infer<typeof sittingClockSchema>;

export const sittingClockResponseSchema = z.object({ clock: sittingClockSchema });
export type SittingClockResponse = z.infer<typeof sittingClockResponseSchema>;

/**
 * A proctor's or coordinator's override of the clock, always with a reason (audited):
 * open or close now, hold the automatic moves until a time, or release a hold.
 */
export const sittingClockOverrideSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('open'), reason: z.string().trim().min(3).max(500) }),
  z.object({ action: z.literal('close'), reason: z.string().trim().min(3).max(500) }),
  z.object({
    action: z.literal('hold'),
    reason: z.string().trim().min(3).max(500),
    until: z.string().datetime(),
  }),
  z.object({ action: z.literal('release'), reason: z.string().trim().min(3).max(500) }),
]);
export type SittingClockOverride = z.infer<typeof sittingClockOverrideSchema>;

/** A proctor admitting a candidate; a reason is needed once the late cutoff has passed. */
export const admitRequestSchema = z
  .object({ reason: z.string().trim().min(3).max(500).optional() })
  .optional();
export type AdmitRequest = z.infer<typeof admitRequestSchema>;
