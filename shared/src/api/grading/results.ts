import { z } from 'zod';
import { feedbackAnnotationSchema } from './annotations.js';
import { passingRuleSchema, rubricDomainSchema, rubricVariantSchema } from './rubrics.js';
import { lateChangeOutcomeSchema } from '../late-changes.js';
import { responseCodeSchema } from './queue.js';

/** Results: the coordinator's review and release, and what a candidate reads once released. */

export const gradingRulesSchema = z.strictObject({
  /** Two readings differing by more than this on any criterion go to a third reader. */
  tolerancePerCriterion: z.number().int().min(0).max(3),
  /** ...or by more than this in total. */
  toleranceTotal: z.number().int().min(0).max(32),
  /** Per variant; a variant left out uses its rubric's suggested rule. */
  passingRules: z.partialRecord(rubricVariantSchema, passingRuleSchema),
});
export type GradingRules = z.infer<typeof gradingRulesSchema>;

export const resultsSittingSummarySchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  status: z.string(),
  /** Attempts whose Part Two has been taken in for grading. */
  gradedAttempts: z.number().int(),
  responses: z.object({
    total: z.number().int(),
    final: z.number().int(),
    awaitingReaders: z.number().int(),
    awaitingAdjudication: z.number().int(),
  }),
});
export type ResultsSittingSummary = z.infer<typeof resultsSittingSummarySchema>;
export const resultsSittingListResponseSchema = z.object({
  sittings: z.array(resultsSittingSummarySchema),
});
export type ResultsSittingListResponse = z.infer<typeof resultsSittingListResponseSchema>;

export const resultOutcomeSchema = z.enum(['passed', 'failed', 'pending', 'not-sat']);
export type ResultOutcome = z.infer<typeof resultOutcomeSchema>;

export const resultPartOneSchema = z.object({
  correct: z.number().int(),
  total: z.number().int(),
  cutScore: z.number().int(),
  passed: z.boolean(),
});

export const reviewedResponseSchema = z.object({
  code: responseCodeSchema,
  vignetteTitle: z.string(),
  /** reading: first readings under way; adjudicating: waiting for the third reader; final. */
  status: z.enum(['reading', 'adjudicating', 'final']),
  readingsSubmitted: z.number().int(),
  total: z.number().nullable(),
  max: z.number().int(),
  passed: z.boolean().nullable(),
  adjudicated: z.boolean(),
  /** Who holds each reading: shown to coordinators only, to reopen a submitted one. */
  readings: z.array(
    z.object({
      graderId: z.string().uuid(),
      graderName: z.string(),
      role: z.enum(['reader', 'adjudicator']),
      status: z.enum(['new', 'draft', 'submitted']),
    }),
  ),
});
export type ReviewedResponse = z.infer<typeof reviewedResponseSchema>;

/** A part not sat in this sitting: its earlier pass stands (a retake of the other part). */
export const carriedPartSchema = z.object({
  part: z.union([z.literal(1), z.literal(2)]),
  sittingName: z.string(),
  releasedAt: z.string(),
});
export type CarriedPart = z.infer<typeof carriedPartSchema>;

export const reviewedCandidateSchema = z.object({
  candidateId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  endorsement: z.string(),
  variant: rubricVariantSchema.nullable(),
  partOne: resultPartOneSchema.nullable(),
  partTwo: z.object({
    outcome: resultOutcomeSchema,
    required: z.number().int(),
    missing: z.number().int(),
    responses: z.array(reviewedResponseSchema),
  }),
  overall: resultOutcomeSchema,
  /** Late changes still undecided: the result is provisional and cannot be released. */
  heldLateChanges: z.number().int().default(0),
  /** Parts carried from an earlier sitting's pass (a retake by part); absent for a full sitting. */
  carried: z.array(carriedPartSchema).optional(),
});
export type ReviewedCandidate = z.infer<typeof reviewedCandidateSchema>;

export const scoreDistributionSchema = z.object({
  title: z.string(),
  /** What the bins count, e.g. "candidates". */
  unit: z.string(),
  bins: z.array(z.object({ label: z.string(), count: z.number().int() })),
  /** The pass mark, described in words for the chart's caption. */
  note: z.string(),
});
export type ScoreDistribution = z.infer<typeof scoreDistributionSchema>;

export const agreementFiguresSchema = z.object({
  label: z.string(),
  /** Criterion scores compared (one per criterion per doubly read response). */
  comparisons: z.number().int(),
  exact: z.number().nullable(),
  adjacent: z.number().nullable(),
  kappa: z.number().nullable(),
  /** Mean of (this grader's level minus the other reader's): below zero is harsher. */
  meanSeverity: z.number().nullable(),
});
export type AgreementFigures = z.infer<typeof agreementFiguresSchema>;

export const sittingReviewResponseSchema = z.object({
  sitting: z.object({
    id: z.string().uuid(),
    name: z.string(),
    status: z.string(),
    releasedAt: z.string().nullable(),
  }),
  rules: gradingRulesSchema,
  candidates: z.array(reviewedCandidateSchema),
  distributions: z.array(scoreDistributionSchema),
  agreement: z.object({
    overall: agreementFiguresSchema,
    byGrader: z.array(agreementFiguresSchema),
    byPair: z.array(agreementFiguresSchema),
  }),
  /** Why release is not possible yet; empty when it is. */
  blockers: z.array(z.string()),
});
export type SittingReviewResponse = z.infer<typeof sittingReviewResponseSchema>;

export const gradingRulesResponseSchema = z.object({ rules: gradingRulesSchema });
export type GradingRulesResponse = z.infer<typeof gradingRulesResponseSchema>;

export const releaseResponseSchema = z.object({
  releasedAt: z.string(),
  results: z.number().int(),
});
export type ReleaseResponse = z.infer<typeof releaseResponseSchema>;

// ---- the candidate's own results ----

export const resultDomainSchema = z.object({
  domain: rubricDomainSchema,
  label: z.string(),
  correct: z.number().int(),
  total: z.number().int(),
  belowExpectation: z.boolean(),
});

export const criterionFeedbackSchema = z.object({
  title: z.string(),
  domain: rubricDomainSchema,
  /** The final level: the mean of two readings, or the third reader's. */
  level: z.number(),
  levelLabel: z.string(),
  belowExpectation: z.boolean(),
  /** The readers' evidence comments, without who wrote them. */
  comments: z.array(z.string()),
});

export const responseFeedbackSchema = z.object({
  vignetteTitle: z.string(),
  total: z.number(),
  max: z.number().int(),
  passed: z.boolean(),
  criteria: z.array(criterionFeedbackSchema),
  /** Passages the readers annotated that the coordinator chose to include (after review). */
  annotations: z.array(feedbackAnnotationSchema).optional(),
});

export const studyPointerSchema = z.object({
  domain: rubricDomainSchema,
  label: z.string(),
  summary: z.string(),
  readAbout: z.array(z.string()),
  practise: z.array(z.string()),
});
export type StudyPointerView = z.infer<typeof studyPointerSchema>;

export const releasedResultSchema = z.object({
  status: z.literal('released'),
  sittingName: z.string(),
  releasedAt: z.string(),
  passed: z.boolean(),
  partOne: z.object({
    correct: z.number().int(),
    total: z.number().int(),
    cutScore: z.number().int(),
    passed: z.boolean(),
    domains: z.array(resultDomainSchema),
  }),
  partTwo: z.object({
    passed: z.boolean(),
    required: z.number().int(),
    missing: z.number().int(),
    passingRule: passingRuleSchema,
    responses: z.array(responseFeedbackSchema),
  }),
  studyPointers: z.array(studyPointerSchema),
  /** Set when a key correction after release changed this result: the candidate is told why. */
  revised: z.object({ at: z.string(), reason: z.string() }).optional(),
  /** Parts whose earlier pass stands in this result (a retake by part sat only the other). */
  carried: z.array(carriedPartSchema).optional(),
});
export type ReleasedResult = z.infer<typeof releasedResultSchema>;

/** What became of each change that reached the server after time ran out (read live). */
const lateChangesField = { lateChanges: z.array(lateChangeOutcomeSchema).default([]) };

export const candidateResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), sittingName: z.string(), ...lateChangesField }),
  releasedResultSchema.extend(lateChangesField),
]);
export type CandidateResult = z.infer<typeof candidateResultSchema>;

export const myResultsResponseSchema = z.object({ results: z.array(candidateResultSchema) });
export type MyResultsResponse = z.infer<typeof myResultsResponseSchema>;

/** A coordinator reopens a submitted reading (audited); the grader may then change it. */
export const reopenReadingRequestSchema = z.strictObject({
  graderId: z.string().uuid(),
  reason: z.string().trim().min(1, 'Say why the reading is reopened').max(500),
});
export type ReopenReadingRequest = z.infer<typeof reopenReadingRequestSchema>;
