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
import { users } from './auth.js';
import { bytea } from './bytea.js';
import { enrolments } from './sittings.js';

/** What a candidate asks for, and what a coordinator grants (the same shape). */
export interface AccommodationAsk {
  extraTimePercent: number;
  breaks: boolean;
  largeText: boolean;
  separateRoom: boolean;
  reader: boolean;
  other: string | null;
}

/**
 * A candidate's request for accommodations in one enrolment (their place in a sitting). It is
 * pending until a coordinator of the association approves it (all or part, which becomes the
 * candidate's accommodation profile) or declines it with a reason.
 */
export const accommodationRequests = pgTable(
  'accommodation_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    associationId: owningAssociation(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requested: jsonb('requested').notNull().$type<AccommodationAsk>(),
    /** pending | approved | declined */
    status: text('status').notNull().default('pending'),
    /** What was approved: the whole request or part of it. */
    granted: jsonb('granted').$type<AccommodationAsk>(),
    declineReason: text('decline_reason'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [
    index('accommodation_requests_association_idx').on(t.associationId, t.status),
    // One request waits per enrolment; a declined one may be followed by another.
    uniqueIndex('accommodation_requests_one_pending')
      .on(t.enrolmentId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** A supporting document of a request: type checked by content, read only by coordinators. */
export const accommodationDocuments = pgTable(
  'accommodation_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    associationId: owningAssociation(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => accommodationRequests.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** application/pdf | image/png | image/jpeg, from the bytes, never from the client. */
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('accommodation_documents_request_idx').on(t.requestId)],
);
