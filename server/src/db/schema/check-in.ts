import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { owningAssociation } from './association-owned.js';
import { users } from './auth.js';
import { bytea } from './bytea.js';
import { enrolments, sittings } from './sittings.js';

/**
 * One check-in per enrolment, in person or remote: the identity evidence and the proctor's
 * decision on it. Identity is a person's decision on evidence, never an automatic match.
 */
export const checkIns = pgTable(
  'check_ins',
  {
    enrolmentId: uuid('enrolment_id')
      .primaryKey()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    associationId: owningAssociation(),
    /** The enrolment's sitting: the roster view and the retention purge go by it. */
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    /** in-person | remote */
    mode: text('mode').notNull(),
    /**
     * waiting (photos being taken) | submitted (evidence ready for the proctor) | no-camera (the
     * candidate asked the proctor to check them another way) | admitted | refused
     */
    status: text('status').notNull().default('waiting'),
    /** The candidate's words when they could not use a camera. */
    candidateNote: text('candidate_note'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('check_ins_sitting_idx').on(t.sittingId)],
);

/** A webcam photo of a remote check-in: the face, the photo ID, or part of a room scan. */
export const checkInPhotos = pgTable(
  'check_in_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    associationId: owningAssociation(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => checkIns.enrolmentId, { onDelete: 'cascade' }),
    /** face | id | room */
    kind: text('kind').notNull(),
    content: bytea('content').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('check_in_photos_enrolment_idx').on(t.enrolmentId)],
);
