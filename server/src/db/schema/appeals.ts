import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { owningAssociation } from './association-owned.js';
import { associations } from './associations.js';
import { users } from './auth.js';
import { attempts } from './delivery.js';
import { sittings } from './sittings.js';

/**
 * A candidate's request for a review of a released result. It belongs to the sitting's
 * association (row-level security scopes by both). `previousResult` and `revisedResult` keep the
 * released result before and after a changed outcome: the result's history through appeals.
 */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    associationId: owningAssociation(),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => users.id),
    /** 'one', 'two' or both: the parts the candidate asks to be reviewed. */
    parts: text('parts').array().notNull(),
    grounds: text('grounds').notNull(),
    /** requested | accepted | declined | decided */
    status: text('status').notNull().default('requested'),
    /** When the current status began: its deadline counts from here. */
    statusSince: timestamp('status_since', { withTimezone: true }).notNull(),
    declineReason: text('decline_reason'),
    /** Part One's key check: the figures before and after scoring again with the current key. */
    partOneCheck: jsonb('part_one_check').$type<Record<string, unknown>>(),
    /** upheld | changed, once decided */
    outcome: text('outcome'),
    reply: text('reply'),
    previousResult: jsonb('previous_result').$type<Record<string, unknown>>(),
    revisedResult: jsonb('revised_result').$type<Record<string, unknown>>(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    triagedBy: uuid('triaged_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [
    index('appeals_sitting_idx').on(t.sittingId),
    // One open appeal per result at a time; a declined or decided one does not block another.
    uniqueIndex('appeals_one_open')
      .on(t.attemptId)
      .where(sql`${t.status} IN ('requested', 'accepted')`),
  ],
);

/** An association's appeal rules: the request window and each state's deadline, in days. */
export const appealSettings = pgTable('appeal_settings', {
  associationId: uuid('association_id')
    .primaryKey()
    .references(() => associations.id, { onDelete: 'cascade' }),
  windowDays: integer('window_days').notNull().default(30),
  triageDays: integer('triage_days').notNull().default(10),
  reviewDays: integer('review_days').notNull().default(21),
  decisionDays: integer('decision_days').notNull().default(10),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
});
