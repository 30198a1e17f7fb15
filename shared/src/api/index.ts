export * from './auth.js';
export * from '../domain/roles.js';
export * from './bank.js';
export * from './delivery.js';
export * from './proctoring.js';
export * from './coordinator.js';
export * from './grading/index.js';
export * from './late-changes.js';
