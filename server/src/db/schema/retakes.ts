import {
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { owningAssociation } from './association-owned.js';
import { users } from './auth.js';
import { enrolments, sittings } from './sittings.js';

/**
 * A candidate's request to retake one failed part in a later sitting of their association, while
 * the other part's pass stays valid. A coordinator approves it (an enrolment for that part alone)
 * or declines it with a reason. Row-level security scopes it by association.
 */
export const retakeRequests = pgTable(
  'retake_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    associationId: owningAssociation(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => users.id),
    /** The sitting the candidate asks to retake in. */
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    /** 1 or 2: the failed part retaken; the other part's earlier pass stands. */
    part: smallint('part').notNull(),
    /** requested | approved | declined */
    status: text('status').notNull().default('requested'),
    /** The eligibility as checked when the request was made (dates, attempts, forms seen). */
    eligibility: jsonb('eligibility')
      .notNull()
      .$type<Record<string, unknown>>()
      .default(sql`'{}'::jsonb`),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    declineReason: text('decline_reason'),
    /** The enrolment an approval created, for that part alone. */
    enrolmentId: uuid('enrolment_id').references(() => enrolments.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('retake_requests_association_idx').on(t.associationId),
    // One open or approved request per candidate, sitting and part: a second click asks nothing new.
    uniqueIndex('retake_requests_one_live')
      .on(t.candidateId, t.sittingId, t.part)
      .where(sql`${t.status} IN ('requested', 'approved')`),
  ],
);
