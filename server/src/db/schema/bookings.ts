import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { owningAssociation } from './association-owned.js';
import { associations } from './associations.js';
import { users } from './auth.js';
import { sittings } from './sittings.js';

/**
 * An association's rules for eligibility and seats. One row per association; an association
 * without a row runs on the defaults the columns carry (bookings/booking-rules.ts repeats them).
 */
export const bookingSettings = pgTable('booking_settings', {
  associationId: uuid('association_id')
    .primaryKey()
    .references(() => associations.id, { onDelete: 'cascade' }),
  /** 'months': an authorisation lasts `window_months`; 'sittings': until the Nth sitting after it. */
  windowKind: text('window_kind').notNull().default('months'),
  windowMonths: integer('window_months').notNull().default(12),
  windowSittings: integer('window_sittings').notNull().default(2),
  /** Days before expiry that a reminder is mailed, e.g. {30,7}. */
  reminderDays: integer('reminder_days')
    .array()
    .notNull()
    .default(sql`'{30,7}'::integer[]`),
  /** Whether a booked seat left empty counts as one of the candidate's attempts. */
  noShowCountsAsAttempt: boolean('no_show_counts_as_attempt').notNull().default(true),
  /** Days before a sitting that accommodation requests close (the evidence work reads it too). */
  accommodationRequestDays: integer('accommodation_request_days').notNull().default(14),
  /** Days before the cancellation cutoff and the accommodation deadline that a reminder goes. */
  deadlineReminderDays: integer('deadline_reminder_days').notNull().default(3),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An approved application: the candidate may book a seat for these parts within the window. */
export const authorisations = pgTable(
  'authorisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    associationId: owningAssociation(),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** IMH-E or ECMH-E: the Part One form the candidate sits. */
    examEndorsement: text('exam_endorsement').notNull(),
    category: text('category').notNull(),
    track: text('track'),
    parts: smallint('parts')
      .array()
      .notNull()
      .default(sql`'{1,2}'::smallint[]`),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** import | coordinator | retake */
    source: text('source').notNull(),
    /** The application system's own reference, when imported. */
    reference: text('reference'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('authorisations_association_idx').on(t.associationId),
    index('authorisations_candidate_idx').on(t.candidateId),
  ],
);

/**
 * A sitting's seats and booking rules. `seats_taken` and `arrivals` are counters a claim moves
 * in one UPDATE: the row lock it takes orders concurrent claims, so capacity holds and the
 * waitlist keeps the order the claims reached the database.
 */
export const sittingSeats = pgTable('sitting_seats', {
  sittingId: uuid('sitting_id')
    .primaryKey()
    .references(() => sittings.id, { onDelete: 'cascade' }),
  associationId: owningAssociation(),
  /** Null: unlimited (a remote sitting without a room). */
  capacity: integer('capacity'),
  seatsTaken: integer('seats_taken').notNull().default(0),
  arrivals: integer('arrivals').notNull().default(0),
  /** Whether the last claim got a seat: set by the claim's UPDATE from the row before it. */
  lastClaimSeated: boolean('last_claim_seated').notNull().default(false),
  bookingOpensAt: timestamp('booking_opens_at', { withTimezone: true }),
  bookingClosesAt: timestamp('booking_closes_at', { withTimezone: true }),
  /** Until then (inclusive) a candidate cancels or reschedules freely. */
  cancelCutoffAt: timestamp('cancel_cutoff_at', { withTimezone: true }),
});

/** A candidate's booking: a seat, a place on the waitlist, or what became of either. */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    associationId: owningAssociation(),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    authorisationId: uuid('authorisation_id')
      .notNull()
      .references(() => authorisations.id, { onDelete: 'cascade' }),
    /** booked | waiting | cancelled | no-show */
    status: text('status').notNull(),
    /** The claim's number in the sitting's arrival order: the waitlist is read in it. */
    arrival: integer('arrival').notNull(),
    /** The enrolment a seat produced (delivery and proctoring see that); null while waiting. */
    enrolmentId: uuid('enrolment_id'),
    /** Set when a coordinator placed the candidate over capacity. */
    overCapacityReason: text('over_capacity_reason'),
    placedBy: uuid('placed_by'),
    /** The association's no-show rule when the no-show was recorded. */
    noShowCountsAsAttempt: boolean('no_show_counts_as_attempt'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('bookings_sitting_idx').on(t.sittingId, t.arrival),
    index('bookings_candidate_idx').on(t.candidateId),
    // One live booking per authorisation: a reschedule cancels before it books again.
    uniqueIndex('bookings_live_authorisation')
      .on(t.authorisationId)
      .where(sql`${t.status} in ('booked', 'waiting')`),
  ],
);
