export { createResultsModule } from './results.module.js';
export type { ResultsModule } from './results.module.js';
export { reviseReleasedResult } from './result-revision.js';
