import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { enrolments } from './sittings.js';

/** One candidate's attempt at a sitting; the option order is reproducible from its seed. */
export const attempts = pgTable('attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  enrolmentId: uuid('enrolment_id')
    .notNull()
    .unique()
    .references(() => enrolments.id, { onDelete: 'cascade' }),
  candidateId: uuid('candidate_id')
    .notNull()
    .references(() => users.id),
  formId: uuid('form_id').notNull(),
  optionSeed: integer('option_seed').notNull(),
  /** The Part Two set this candidate answers; null when their enrolment has no valid variant. */
  vignetteSetId: uuid('vignette_set_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * Each part's clock inputs and outcome. `deadline_at` is a cache of the deadline derived from
 * clock_events, kept so the sweeper can find expired parts with an index scan.
 */
export const attemptParts = pgTable(
  'attempt_parts',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    part: smallint('part').notNull(),
    baseLimitMs: integer('base_limit_ms').notNull(),
    timeMultiplier: doublePrecision('time_multiplier').notNull().default(1),
    extraMinutes: integer('extra_minutes').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    deadlineAt: timestamp('deadline_at', { withTimezone: true, precision: 3 }),
    paused: boolean('paused').notNull().default(false),
    /** submitted | expired | ended; null while open. */
    closedStatus: text('closed_status'),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    closedReason: text('closed_reason'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    /**
     * Bumped (by trigger) whenever the clock or the closing of the part changes: an instance
     * whose cached copy is older must reread before it decides anything by the clock.
     */
    version: integer('version').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.attemptId, t.part] }),
    index('attempt_parts_open_deadline_idx').on(t.deadlineAt),
  ],
);

/** The clock's ledger: every event that moves a part's deadline, with who and why. */
export const clockEvents = pgTable(
  'clock_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    part: smallint('part').notNull(),
    /**
     * start | pause | resume | extend | accommodation, and end: a proctor's termination, kept
     * on the ledger for its incident though the closed part's clock no longer matters.
     */
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    ms: integer('ms'),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    /** The incident that caused a proctor's entry (incidents lives in the proctoring schema). */
    incidentId: uuid('incident_id'),
  },
  (t) => [
    index('clock_events_attempt_idx').on(t.attemptId, t.part),
    index('clock_events_incident_idx').on(t.incidentId),
  ],
);

/** Every answer change as sent, keyed by the attempt's sequence number: replays are detectable. */
export const answerSaves = pgTable(
  'answer_saves',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    position: smallint('position').notNull(),
    choice: smallint('choice'),
    flagged: boolean('flagged').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.seq] })],
);

/** The current answer per question: the change with the highest sequence number wins. */
export const answers = pgTable(
  'answers',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    choice: smallint('choice'),
    flagged: boolean('flagged').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.position] })],
);

/** Written every few seconds while the server runs; a gap is an outage credited to running clocks. */
export const serverHeartbeat = pgTable('server_heartbeat', {
  id: smallint('id').primaryKey(),
  lastBeatAt: timestamp('last_beat_at', { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * Every instance beats here each sweeper interval. The leader credits an outage only when no
 * instance beat for longer than the threshold: one instance dying while others kept serving
 * lost nobody any time.
 */
export const instanceHeartbeats = pgTable('instance_heartbeats', {
  instanceId: text('instance_id').primaryKey(),
  beatAt: timestamp('beat_at', { withTimezone: true, precision: 3 }).notNull(),
});

/** Connection and takeover events, for proctors and incident review. */
export const attemptEvents = pgTable(
  'attempt_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('attempt_events_attempt_idx').on(t.attemptId)],
);

/**
 * The device an attempt is running on: the SPKI public key of the browser's non-extractable
 * ECDSA P-256 key (shared/src/protocol/device-proof.ts). A reconnect that proves this key
 * continues without a resume code; a device that takes over with a code becomes the device.
 */
export const deviceKeys = pgTable('device_keys', {
  attemptId: uuid('attempt_id')
    .primaryKey()
    .references(() => attempts.id, { onDelete: 'cascade' }),
  publicKey: text('public_key').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
});

/**
 * The candidate's tools on one question or vignette of an attempt: options struck out,
 * highlighted ranges and a notes pad. Only ever read back to the candidate (the welcome): graders
 * and results never see it. A save moves the row only forward in revision.
 */
export const attemptItemTools = pgTable(
  'attempt_item_tools',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    /** question | vignette */
    target: text('target').notNull(),
    position: smallint('position').notNull(),
    revision: integer('revision').notNull(),
    struck: jsonb('struck').$type<number[]>().notNull(),
    highlights: jsonb('highlights')
      .$type<{ field: string; start: number; end: number }[]>()
      .notNull(),
    note: text('note').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.target, t.position] })],
);

/** The display the candidate chose for this attempt (an accommodation applies on top of it). */
export const attemptDisplayPreferences = pgTable('attempt_display_preferences', {
  attemptId: uuid('attempt_id')
    .primaryKey()
    .references(() => attempts.id, { onDelete: 'cascade' }),
  revision: integer('revision').notNull(),
  largeText: boolean('large_text').notNull(),
  highContrast: boolean('high_contrast').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
});
