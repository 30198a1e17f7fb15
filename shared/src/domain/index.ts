export * from './roles.js';
export * from './credential.js';
export * from './clock.js';
export * from './cycles.js';
export * from './zoned-time.js';
export * from './ledger-text.js';
export * from './password-strength.js';
export * from './sitting-scheduling.js';
