import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { gradingAssignments } from './grading.js';

/**
 * A grader's annotation of a passage in one reading: offsets into the response's plain text
 * (shared/editor essayPlainText), the passage as it then stood, and the comment. It belongs to
 * the reading, so to the grader and, through the item, to the sitting's association.
 */
export const gradingAnnotations = pgTable(
  'grading_annotations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => gradingAssignments.id, { onDelete: 'cascade' }),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    quote: text('quote').notNull(),
    comment: text('comment').notNull(),
    /** The coordinator chose, after review, to show it to the candidate with their feedback. */
    includeInFeedback: boolean('include_in_feedback').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('grading_annotations_assignment_idx').on(t.assignmentId)],
);
