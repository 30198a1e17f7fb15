export * from './rubrics.js';
export * from './queue.js';
export * from './graders.js';
export * from './results.js';
export * from './feedback.js';
export * from './benchmarks.js';
export * from './qualification.js';
export * from './rater-monitoring.js';
