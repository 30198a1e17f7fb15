export * from './rubrics.js';
export * from './queue.js';
export * from './graders.js';
export * from './results.js';
export * from './feedback.js';
export * from './annotations.js';
