import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per leadership (e.g. `background`): the epoch the current leader took it with. A
 * leader's writes check their epoch against this row in their own transaction, so a leader
 * that lost its lock (paused, cut off) cannot act on a stale view after another took over.
 */
export const leaderEpochs = pgTable('leader_epochs', {
  name: text('name').primaryKey(),
  epoch: bigint('epoch', { mode: 'number' }).notNull(),
  /** The instance that holds it (its event-bus instance id). */
  holder: text('holder').notNull(),
  /** Renewed by the leader; past it, another instance may end the holder's connection. */
  leaseUntil: timestamp('lease_until', { withTimezone: true, precision: 3 }).notNull(),
});
