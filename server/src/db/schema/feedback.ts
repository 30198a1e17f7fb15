import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { attempts } from './delivery.js';
import { gradingAssignments, gradingItems } from './grading.js';
import { sittings } from './sittings.js';

/**
 * A coordinator's edit of one grader comment before release: what the candidate will read in
 * its place. The grader's own text stays in the reading; `original` is the text the edit was
 * made against, so an edit stops applying once the grader's comment changes (a reopened
 * reading) instead of silently hiding the new comment. Empty `text` hides the comment.
 */
export const feedbackEdits = pgTable(
  'feedback_edits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => gradingItems.id, { onDelete: 'cascade' }),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => gradingAssignments.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    original: text('original').notNull(),
    text: text('text').notNull(),
    editedBy: uuid('edited_by').references(() => users.id),
    editedAt: timestamp('edited_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    unique('feedback_edits_reading_criterion').on(t.assignmentId, t.criterionId),
    index('feedback_edits_sitting_idx').on(t.sittingId),
  ],
);

/**
 * A coordinator's approval of the feedback one candidate will read. `fingerprint` is the hash
 * of exactly that feedback when approved: any later change (an edit, a reopened score) gives
 * another hash, and the approval no longer counts.
 */
export const feedbackApprovals = pgTable(
  'feedback_approvals',
  {
    attemptId: uuid('attempt_id')
      .primaryKey()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('feedback_approvals_sitting_idx').on(t.sittingId)],
);
