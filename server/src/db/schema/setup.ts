import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One-time links that let the first administrator of a production deployment be created. Only
 * the token's SHA-256 is stored; a link works once, until it expires, and only while no
 * administrator exists. Issuing a new link deletes every unused older one.
 */
export const setupTokens = pgTable('setup_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});
