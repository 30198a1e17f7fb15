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
export { seedGrading } from './grading.seed.js';
export type { SeedGrader } from './grading.seed.js';
export { agreementOf, quadraticWeightedKappa } from './agreement.js';
export type { Agreement, RatingPair } from './agreement.js';
export { passesRule } from './scoring-rules.js';
