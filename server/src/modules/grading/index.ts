export { createGradingModule } from './grading.module.js';
export type { GradingModule } from './grading.module.js';
export { createGradingResults } from './grading.results.js';
export type {
  GradedItem,
  GradingProgress,
  GradingResults,
  GradingRubric,
  Intake,
  Reading,
  SittingGrading,
} from './grading.results.js';
export { importGradingSetup } from './grading.import.js';
export type { GraderImport } from './grading.import.js';
export { agreementOf, quadraticWeightedKappa } from './agreement.js';
export type { Agreement, RatingPair } from './agreement.js';
export { passesRule } from './scoring-rules.js';
export type { StoredCriterion, StoredFinal, StoredPassingRule } from '../../db/schema/grading.js';
export { createGradingProgrammeAccess } from './grading.programme.js';
export type { GradingItemForProgramme, GradingProgrammeAccess } from './grading.programme.js';
export type { GradingAppeals, ReviewAssignment, ReviewedResponse } from './appeal-reviews.js';
export type { AnnotationsService } from './annotations.service.js';
