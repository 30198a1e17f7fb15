export * from './error-codes.js';
export * from './error-meanings.js';
