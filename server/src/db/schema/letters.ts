import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { owningAssociation } from './association-owned.js';
import { attempts } from './delivery.js';
import { sittings } from './sittings.js';

/**
 * A results letter issued for a released result, one per attempt. The identifier is the
 * capability a third party verifies with, so it is random (256 bits, base64url) and the row keeps
 * only what the public verification page may show, as the letter stated it: nothing else about
 * the candidate or their scores.
 */
export const resultLetters = pgTable(
  'result_letters',
  {
    identifier: text('identifier').primaryKey(),
    attemptId: uuid('attempt_id')
      .notNull()
      .unique()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    /** The association whose letterhead it bears; row-level security scopes by it. */
    associationId: owningAssociation(),
    candidateName: text('candidate_name').notNull(),
    endorsement: text('endorsement').notNull(),
    passed: boolean('passed').notNull(),
    /** The sitting's date as the letter prints it, in the association's time zone (YYYY-MM-DD). */
    sittingDate: text('sitting_date').notNull(),
    associationName: text('association_name').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('result_letters_association_idx').on(t.associationId)],
);
