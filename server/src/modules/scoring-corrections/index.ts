export { createScoringCorrectionsModule } from './scoring-corrections.module.js';
export type { ScoringCorrectionsModule } from './scoring-corrections.module.js';
export type { ScoringCorrectionsService } from './scoring-corrections.service.js';
