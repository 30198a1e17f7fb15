export * from './messages.js';
export * from './close-codes.js';
export * from './proctor.js';
export * from './device-proof.js';
export * from './candidate-tools.js';
