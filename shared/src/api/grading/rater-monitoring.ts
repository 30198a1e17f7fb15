import { z } from 'zod';
import { responseCodeSchema } from './queue.js';

/** The coordinator's rater monitoring: per grader figures, pauses and what to review. */

const share = z.number().nullable();
export const raterAgreementSchema = z.strictObject({
  comparisons: z.number().int(),
  exact: share,
  adjacent: share,
  kappa: share,
  /** Mean of (grader - other): below zero, harsher than the other reader or the agreed score. */
  severity: share,
});

export const raterFiguresSchema = z.strictObject({
  graderId: z.string().uuid(),
  displayName: z.string(),
  responsesScored: z.number().int(),
  /** Median minutes between consecutive submissions, gaps over an hour left out (breaks). */
  minutesPerResponse: z.number().nullable(),
  coRaters: raterAgreementSchema,
  seeds: raterAgreementSchema,
  /** Share of the grader's first readings whose response went to a third reader. */
  thirdReaderRate: share,
  /** Severity against co-raters per calendar week (ISO date of the Monday), oldest first. */
  drift: z.array(
    z.strictObject({ week: z.string(), severity: z.number(), comparisons: z.number() }),
  ),
  pauseId: z.string().uuid().nullable(),
});
export type RaterFigures = z.infer<typeof raterFiguresSchema>;

export const raterNotificationSchema = z.strictObject({
  kind: z.string(),
  message: z.string(),
  graderName: z.string().nullable(),
  createdAt: z.string(),
});

export const raterMonitoringResponseSchema = z.strictObject({
  graders: z.array(raterFiguresSchema),
  notifications: z.array(raterNotificationSchema),
});
export type RaterMonitoringResponse = z.infer<typeof raterMonitoringResponseSchema>;

export const pauseReviewResponseSchema = z.strictObject({
  pause: z.strictObject({
    id: z.string().uuid(),
    graderId: z.string().uuid(),
    pausedAt: z.string(),
    liftedAt: z.string().nullable(),
    exactPercent: z.number().nullable(),
    adjacentPercent: z.number().nullable(),
  }),
  /** The grader's submitted live readings, newest first, for review. */
  readings: z.array(
    z.strictObject({
      code: responseCodeSchema,
      variant: z.string(),
      submittedAt: z.string(),
      total: z.number(),
      itemStatus: z.string(),
    }),
  ),
});
export type PauseReviewResponse = z.infer<typeof pauseReviewResponseSchema>;

export const liftPauseRequestSchema = z.strictObject({
  note: z.string().trim().min(1, 'Say what was agreed').max(2000),
});
export type LiftPauseRequest = z.infer<typeof liftPauseRequestSchema>;

export const sendToAnotherReaderRequestSchema = z.strictObject({
  code: responseCodeSchema,
  graderId: z.string().uuid(),
  reason: z.string().trim().min(1, 'Say why').max(2000),
});
export type SendToAnotherReaderRequest = z.infer<typeof sendToAnotherReaderRequestSchema>;
