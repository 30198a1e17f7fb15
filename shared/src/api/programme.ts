import { z } from 'zod';

/** The programme's views across associations, for administrators and psychometricians. */

export const programmeAssociationSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  shortName: z.string(),
});

/** One sitting on the calendar; `month` is YYYY-MM in the sitting's own time zone. */
export const calendarEntrySchema = z.object({
  sittingId: z.string().uuid(),
  name: z.string(),
  associationId: z.string().uuid(),
  association: z.string(),
  status: z.string(),
  startsAt: z.string().nullable(),
  timeZone: z.string(),
  /** Null for a sitting with no start yet. */
  month: z.string().nullable(),
  /** Starts now or later (or has no start yet); otherwise past. */
  upcoming: z.boolean(),
});
export type CalendarEntry = z.infer<typeof calendarEntrySchema>;

/** Distinct candidates enrolled in the association's sittings of one application cycle. */
export const cycleCandidatesSchema = z.object({
  associationId: z.string().uuid(),
  association: z.string(),
  /**
   * The association's application deadline the cycle follows (YYYY-MM-DD, e.g. "2027-01-31"),
   * or null when the association keeps no deadlines.
   */
  cycle: z.string().nullable(),
  candidates: z.number().int(),
});
export type CycleCandidates = z.infer<typeof cycleCandidatesSchema>;

/** Released results of one association and endorsement. */
export const passRateSchema = z.object({
  associationId: z.string().uuid(),
  association: z.string(),
  endorsement: z.string(),
  released: z.number().int(),
  passed: z.number().int(),
  /** Percent, one decimal; null when nothing is released. */
  passRate: z.number().nullable(),
});
export type PassRate = z.infer<typeof passRateSchema>;

/** Part One, one domain: the mean of candidates' percent correct in it, one decimal. */
export const domainMeanSchema = z.object({
  associationId: z.string().uuid(),
  association: z.string(),
  endorsement: z.string(),
  domain: z.string(),
  label: z.string(),
  candidates: z.number().int(),
  meanPercent: z.number(),
});
export type DomainMean = z.infer<typeof domainMeanSchema>;

/** Part Two responses of one association in grading, and how long final scores took. */
export const gradingProgressRowSchema = z.object({
  associationId: z.string().uuid(),
  association: z.string(),
  responses: z.number().int(),
  scored: z.number().int(),
  awaiting: z.number().int(),
  /** Median hours from the Part Two's close to the final score, one decimal; null if none. */
  medianHoursToFinal: z.number().nullable(),
});
export type GradingProgressRow = z.infer<typeof gradingProgressRowSchema>;

export const programmeOverviewSchema = z.object({
  computedAt: z.string(),
  associations: z.array(programmeAssociationSchema),
  calendar: z.array(calendarEntrySchema),
  candidatesPerCycle: z.array(cycleCandidatesSchema),
  passRates: z.array(passRateSchema),
  domainMeans: z.array(domainMeanSchema),
  grading: z.array(gradingProgressRowSchema),
  /** Appeals in every state: all of them, and per association. */
  appeals: z.object({
    count: z.number().int(),
    note: z.string(),
    byAssociation: z
      .array(z.object({ associationId: z.string(), count: z.number().int() }))
      .default([]),
  }),
});
export type ProgrammeOverview = z.infer<typeof programmeOverviewSchema>;

/** The tables a CSV export can hold (one each); the XLSX holds them all as sheets. */
export const programmeViews = [
  'calendar',
  'candidates-per-cycle',
  'pass-rates',
  'domain-means',
  'grading',
] as const;
export type ProgrammeView = (typeof programmeViews)[number];
export const programmeExportQuerySchema = z.object({ view: z.enum(programmeViews) });
