import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { attempts } from './delivery.js';
import { sittings } from './sittings.js';

/** A released result, frozen at release: what the candidate reads from then on. */
export const examResults = pgTable(
  'exam_results',
  {
    attemptId: uuid('attempt_id')
      .primaryKey()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => users.id),
    passed: boolean('passed').notNull(),
    /** The released result as shared/api ReleasedResult describes it (study pointers added on read). */
    result: jsonb('result').notNull().$type<Record<string, unknown>>(),
    releasedAt: timestamp('released_at', { withTimezone: true }).notNull(),
    releasedBy: uuid('released_by').references(() => users.id),
  },
  (t) => [index('exam_results_candidate_idx').on(t.candidateId)],
);

/**
 * Where to go next in one competency domain, shown with a released result where the candidate
 * was below expectation. Product content a coordinator edits, one row per domain; the first
 * text ships in the migration that creates the table. Read live, not frozen with the result, so
 * a corrected reading list reaches candidates who were released before the correction.
 */
export const studyPointers = pgTable('study_pointers', {
  /** A shared/domain CompetencyDomain. */
  domain: text('domain').primaryKey(),
  summary: text('summary').notNull(),
  /** The readings list, in the order the coordinator put it. */
  readAbout: jsonb('read_about').notNull().$type<string[]>(),
  practise: jsonb('practise').notNull().$type<string[]>(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => users.id),
});
