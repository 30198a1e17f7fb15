import { boolean, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';

/**
 * The bank of reusable feedback comments, per rubric domain and level: graders insert one into a
 * criterion's evidence and adapt it; coordinators and chief graders curate it. Like the rubrics
 * it serves, it is the programme's (every association grades against the same rubrics), so it
 * carries no association. Keyed by domain rather than criterion id, so a comment outlives a
 * rubric version and serves every variant that scores that domain.
 */
export const gradingCommentBank = pgTable(
  'grading_comment_bank',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    domain: text('domain').notNull(),
    level: smallint('level').notNull(),
    text: text('text').notNull(),
    /** Retired comments stay listed for curators but are no longer offered to graders. */
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [index('grading_comment_bank_domain_level_idx').on(t.domain, t.level)],
);
