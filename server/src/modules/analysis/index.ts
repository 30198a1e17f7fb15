export { createAnalysisModule } from './analysis.module.js';
export type { AnalysisModule } from './analysis.module.js';
export { analyseItems } from './item-analysis.compute.js';
export type { ItemAnalysis, ResponseMatrix } from './item-analysis.compute.js';
export type { AutoAnalysis } from './analysis-auto.js';
