/*
 * The candidate's outbox: unacknowledged changes kept on this device until the server stores
 * them. What every outbox promises (and why) is in outbox-contract.ts; the IndexedDB outbox the
 * exam runs on is indexeddb-outbox.ts, and the in-memory one for tests and private modes is
 * memory-outbox.ts. Importers take all of it from here.
 */
export type { ChoiceRecord, DraftRecord, LatestRecord, Outbox } from './outbox-contract';
export { openOutbox } from './indexeddb-outbox';
export { memoryOutbox } from './memory-outbox';
