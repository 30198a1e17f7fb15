export { createResultsModule } from './results.module.js';
export type { ResultsModule } from './results.module.js';
export { reviseReleasedResult } from './result-revision.js';
export { createResultsProgrammeAccess } from './results.programme.js';
export type { ResultForProgramme, ResultsProgrammeAccess } from './results.programme.js';
export { releasedBefore, resultDataOf } from './results.privacy.js';
export type { ReleasedAttempt } from './results.privacy.js';
export type { ReleasedForAppeal, ResultsAppeals } from './results.appeals.js';
