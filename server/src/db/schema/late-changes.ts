import {
  bigint,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { attempts } from './delivery.js';

/**
 * A change that reached the server after its part's deadline and grace: an answer (Part One) or
 * a whole draft (Part Two). It is never applied and never discarded on arrival: it is held, with
 * the evidence (when it arrived, when the client says it was made, when the server last heard
 * from the attempt before it), until a proctor or coordinator accepts or declines it.
 */
export const lateChanges = pgTable(
  'late_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    part: smallint('part').notNull(),
    /** answer | draft */
    kind: text('kind').notNull(),
    /** The question's position (answer) or the vignette's (draft). */
    position: smallint('position').notNull(),
    /** The answer's sequence number, or the draft's revision. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** `{ choice, flagged }` for an answer; `{ doc, words }` for a draft. */
    payload: jsonb('payload').notNull().$type<Record<string, unknown>>(),
    /** Server clock. */
    arrivedAt: timestamp('arrived_at', { withTimezone: true, precision: 3 }).notNull(),
    /** What the client says; evidence only, never trusted. */
    clientClaimedAt: timestamp('client_claimed_at', { withTimezone: true, precision: 3 }),
    /** The server's last contact with the attempt before this arrived (a store or a drop). */
    lastContactAt: timestamp('last_contact_at', { withTimezone: true, precision: 3 }),
    /** held | accepted | declined */
    status: text('status').notNull().default('held'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }),
    reason: text('reason'),
  },
  (t) => [
    // A replay of the same change is the same row: holding is idempotent.
    unique('late_changes_change_key').on(t.attemptId, t.kind, t.position, t.seq),
    index('late_changes_attempt_idx').on(t.attemptId, t.status),
  ],
);
