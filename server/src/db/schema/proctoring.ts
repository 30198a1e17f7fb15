import {
  bigint,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { attemptEvents, attempts } from './delivery.js';
import { enrolments, sittings } from './sittings.js';

/** Something a proctor noticed during a sitting, about one candidate or the whole room. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    /** Null when the incident concerns the room rather than one candidate. */
    enrolmentId: uuid('enrolment_id').references(() => enrolments.id, { onDelete: 'cascade' }),
    /** environment | candidate | technical | other */
    category: text('category').notNull(),
    note: text('note').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull(),
    /**
     * The order incidents were recorded in, for those recorded in the same millisecond: lists
     * sort by time, then by this (ids are random uuids, no order at all).
     */
    recordingOrder: bigint('recording_order', { mode: 'number' })
      .notNull()
      .generatedAlwaysAsIdentity(),
  },
  (t) => [index('incidents_sitting_idx').on(t.sittingId)],
);

/**
 * One-time codes a proctor issues so a candidate can continue on another device. Only a hash
 * is stored: the code is shown once, to the proctor who reads it to the candidate.
 */
export const resumeCodes = pgTable(
  'resume_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    /** Wrong guesses against this code; past the limit it is void. */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    /** Set when a newer code replaces this one or too many wrong guesses void it. */
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    usedAt: timestamp('used_at', { withTimezone: true, precision: 3 }),
    /** Hash of the session that redeemed the code: that session may take the attempt over. */
    usedSession: text('used_session'),
  },
  (t) => [index('resume_codes_attempt_idx').on(t.attemptId)],
);

/** A proctor's credit for time a candidate lost to a recorded disconnect; at most one each. */
export const disconnectCredits = pgTable('disconnect_credits', {
  id: uuid('id').primaryKey().defaultRandom(),
  disconnectEventId: bigint('disconnect_event_id', { mode: 'number' })
    .notNull()
    .unique()
    .references(() => attemptEvents.id, { onDelete: 'cascade' }),
  attemptId: uuid('attempt_id')
    .notNull()
    .references(() => attempts.id, { onDelete: 'cascade' }),
  part: smallint('part').notNull(),
  ms: integer('ms').notNull(),
  reason: text('reason').notNull(),
  creditedBy: uuid('credited_by')
    .notNull()
    .references(() => users.id),
  creditedAt: timestamp('credited_at', { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * A proctor acknowledged an alert of a sitting: stored so every proctor of the sitting sees it
 * dealt with, after a reload too. Alert ids are the dashboard's (`connection-<event id>`, ...).
 */
export const proctorAlertAcks = pgTable(
  'proctor_alert_acks',
  {
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    alertId: text('alert_id').notNull(),
    acknowledgedBy: uuid('acknowledged_by')
      .notNull()
      .references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sittingId, t.alertId] })],
);
