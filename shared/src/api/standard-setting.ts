import { z } from 'zod';

/** Standard setting (modified Angoff) and key corrections after a sitting. */

export const studyStatusSchema = z.enum(['round1', 'round2', 'adopted']);
export type StudyStatus = z.infer<typeof studyStatusSchema>;

export const createStudyRequestSchema = z.strictObject({
  formId: z.string().uuid(),
  name: z.string().trim().min(1, 'Give the study a name').max(200),
});
export type CreateStudyRequest = z.infer<typeof createStudyRequestSchema>;

export const addPanelistRequestSchema = z.strictObject({ userId: z.string().uuid() });
export type AddPanelistRequest = z.infer<typeof addPanelistRequestSchema>;

/** One rating, saved per item: the probability (0..1) a minimally competent candidate is right. */
export const saveRatingRequestSchema = z.strictObject({
  round: z.union([z.literal(1), z.literal(2)]),
  position: z.number().int().min(1),
  rating: z
    .number()
    .min(0, 'A rating lies between 0 and 1')
    .max(1, 'A rating lies between 0 and 1'),
});
export type SaveRatingRequest = z.infer<typeof saveRatingRequestSchema>;

export const adoptCutRequestSchema = z.strictObject({
  cutScore: z.number().int(),
  /** Required when the adopted cut differs from the recommended one. */
  reason: z.string().trim().max(2000).default(''),
});
export type AdoptCutRequest = z.infer<typeof adoptCutRequestSchema>;

export const studySummarySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  formId: z.string().uuid(),
  formName: z.string(),
  endorsement: z.string(),
  status: studyStatusSchema,
  itemCount: z.number().int(),
  formCutScore: z.number().int(),
  panelists: z.number().int(),
  createdAt: z.string(),
});
export type StudySummary = z.infer<typeof studySummarySchema>;

export const panelistRoundSchema = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  rated: z.number().int(),
  /** Sum of ratings; null until every item is rated. */
  impliedCut: z.number().nullable(),
  z: z.number().nullable(),
  outlier: z.boolean(),
});

export const roundSummarySchema = z.object({
  round: z.union([z.literal(1), z.literal(2)]),
  panelists: z.array(panelistRoundSchema),
  /** Figures over panelists who rated every item. */
  n: z.number().int(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  se: z.number().nullable(),
  recommendedCut: z.number().int().nullable(),
  /** Share of the impact sitting's candidates at or above the recommended cut. */
  passRate: z.number().nullable(),
});
export type RoundSummary = z.infer<typeof roundSummarySchema>;

export const impactSchema = z.object({
  sittingId: z.string().uuid(),
  sittingName: z.string(),
  candidates: z.number().int(),
  pValues: z.array(z.object({ position: z.number().int(), pValue: z.number().nullable() })),
});
export type Impact = z.infer<typeof impactSchema>;

export const studyDetailSchema = studySummarySchema.extend({
  rounds: z.array(roundSummarySchema),
  impact: impactSchema.nullable(),
  panelistUsers: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  adoption: z
    .object({
      cutScore: z.number().int(),
      recommendedCut: z.number().int().nullable(),
      reason: z.string(),
      adoptedAt: z.string(),
      adoptedBy: z.string(),
    })
    .nullable(),
});
export type StudyDetail = z.infer<typeof studyDetailSchema>;
export const studyResponseSchema = z.object({ study: studyDetailSchema });
export type StudyResponse = z.infer<typeof studyResponseSchema>;
export const studyListResponseSchema = z.object({ studies: z.array(studySummarySchema) });
export type StudyListResponse = z.infer<typeof studyListResponseSchema>;

/** What a panelist sees: the study's items with their key, their own ratings, impact in round 2. */
export const panelItemSchema = z.object({
  position: z.number().int(),
  stem: z.string(),
  options: z.array(z.string()),
  keyIndex: z.number().int(),
  domain: z.string(),
  ratings: z.object({ 1: z.number().nullable(), 2: z.number().nullable() }),
  /** Round 2 only: the proportion of the impact sitting's candidates who answered correctly. */
  pValue: z.number().nullable(),
});
export const panelViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  formName: z.string(),
  status: studyStatusSchema,
  items: z.array(panelItemSchema),
  /** Round 2 only: this panelist's round 1 cut and the pass rate it gives on the impact sitting. */
  impact: z
    .object({
      sittingName: z.string(),
      candidates: z.number().int(),
      roundOneCut: z.number().nullable(),
      roundOnePassRate: z.number().nullable(),
      /** The panel's round 1 recommended cut and its pass rate. */
      panelRoundOneCut: z.number().int().nullable(),
      panelRoundOnePassRate: z.number().nullable(),
    })
    .nullable(),
});
export type PanelView = z.infer<typeof panelViewSchema>;
export const panelViewResponseSchema = z.object({ study: panelViewSchema });
export type PanelViewResponse = z.infer<typeof panelViewResponseSchema>;
export const myStudiesResponseSchema = z.object({
  studies: z.array(
    z.object({ id: z.string().uuid(), name: z.string(), status: studyStatusSchema }),
  ),
});
export type MyStudiesResponse = z.infer<typeof myStudiesResponseSchema>;

/** Key corrections: re-key (the correct option in the item's authored order) or void an item. */
export const scoringCorrectionRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('rekey'),
    formId: z.string().uuid(),
    position: z.number().int().min(1),
    keyIndex: z.number().int().min(0).max(3),
    reason: z.string().trim().min(1, 'Say why the item is re-keyed').max(2000),
  }),
  z.strictObject({
    kind: z.literal('void'),
    formId: z.string().uuid(),
    position: z.number().int().min(1),
    reason: z.string().trim().min(1, 'Say why the item is voided').max(2000),
  }),
]);
export type ScoringCorrectionRequest = z.infer<typeof scoringCorrectionRequestSchema>;

export const scoringCorrectionSchema = z.object({
  formId: z.string().uuid(),
  position: z.number().int(),
  kind: z.enum(['rekey', 'void']),
  keyIndex: z.number().int().nullable(),
  reason: z.string(),
  correctedAt: z.string(),
});
export const scoringCorrectionsResponseSchema = z.object({
  corrections: z.array(scoringCorrectionSchema),
});
export type ScoringCorrectionsResponse = z.infer<typeof scoringCorrectionsResponseSchema>;
export const scoringCorrectionResultSchema = z.object({
  rescored: z.number().int(),
  changed: z.number().int(),
  revisedReleased: z.number().int(),
});
export type ScoringCorrectionResult = z.infer<typeof scoringCorrectionResultSchema>;

/** Users a coordinator may invite: active holders of the panelist role. */
export const panelistOptionsResponseSchema = z.object({
  panelists: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
});
export type PanelistOptionsResponse = z.infer<typeof panelistOptionsResponseSchema>;
