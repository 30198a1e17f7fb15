import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { sittings } from './sittings.js';

/**
 * A retention purge of one sitting's responses: confirmed by a coordinator or administrator
 * after the dry run, then carried out by the leader's scheduled job, which records what it
 * removed. A later confirmation (results released since) clears `purged_at` again.
 */
export const retentionPurges = pgTable('retention_purges', {
  sittingId: uuid('sitting_id')
    .primaryKey()
    .references(() => sittings.id, { onDelete: 'cascade' }),
  confirmedBy: uuid('confirmed_by')
    .notNull()
    .references(() => users.id),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
  purgedAt: timestamp('purged_at', { withTimezone: true }),
  /** The counts the purge removed (responses, snapshots, patches, answer history, attempts). */
  purged: jsonb('purged').$type<Record<string, number>>(),
});
