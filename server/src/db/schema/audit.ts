import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained: each row's hash covers its content and the previous row's hash,
 * so an edited or deleted row breaks the chain (`npm run audit:verify`).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    details: jsonb('details').notNull().$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // The administrators' audit page filters by these, newest first.
  (table) => [
    index('audit_log_actor_idx').on(table.actorId, table.id),
    index('audit_log_subject_idx').on(table.subjectType, table.subjectId, table.id),
    index('audit_log_at_idx').on(table.at),
  ],
);

/**
 * Signed anchors of the chain's head: each says "the log had `count` entries, the last being
 * `headId` with hash `headHash`", signed with the server's Ed25519 key. A log cut back past a
 * checkpoint no longer reaches it, so a verifier holding the public key sees the missing tail.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  headId: bigint('head_id', { mode: 'number' }).notNull(),
  headHash: text('head_hash').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }).notNull(),
  /** base64 Ed25519 signature over `checkpointMessage` (audit.keys.ts). */
  signature: text('signature').notNull(),
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER). */
  keyId: text('key_id').notNull(),
});
