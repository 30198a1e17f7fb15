import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { owningAssociation } from './association-owned.js';

/** A scheduled exam sitting; its forms and policies apply to every candidate enrolled in it. */
export const sittings = pgTable(
  'sittings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The association that runs it: its coordinators, proctors and candidates, and only theirs. */
    associationId: owningAssociation(),
    name: text('name').notNull(),
    /** draft | scheduled | open | closed | released */
    status: text('status').notNull().default('draft'),
    /** The application cycle whose candidates sit, e.g. "2027-Q1" (deadline 31 January 2027). */
    applicationCycle: text('application_cycle'),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    /** How long after `starts_at` candidates may still begin. */
    startWindowMinutes: integer('start_window_minutes').notNull().default(60),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Where candidates sit; null for a remote sitting. */
    location: text('location'),
    remote: boolean('remote').notNull().default(false),
    part1Minutes: integer('part1_minutes').notNull().default(90),
    part2Minutes: integer('part2_minutes').notNull().default(90),
    /** Correct answers needed to pass Part One (48 of 60 today). */
    cutScore: integer('cut_score').notNull().default(48),
    /** Form id per exam endorsement, e.g. { "IMH-E": "...", "ECMH-E": "..." }. */
    forms: jsonb('forms')
      .notNull()
      .$type<Record<string, string>>()
      .default(sql`'{}'::jsonb`),
    /** The vignette sets in use; each candidate gets the one matching their variant and endorsement. */
    vignetteSets: jsonb('vignette_sets')
      .notNull()
      .$type<string[]>()
      .default(sql`'[]'::jsonb`),
    policies: jsonb('policies')
      .notNull()
      .$type<Record<string, unknown>>()
      .default(sql`'{}'::jsonb`),
    /**
     * A proctor's or coordinator's hold on the sitting's clock: until then the scheduler neither
     * opens nor closes it by itself (null: it runs on time).
     */
    clockHeldUntil: timestamp('clock_held_until', { withTimezone: true }),
    /**
     * Set while a proctor has paused the whole room: no candidate may start a part until the
     * room's resume clears it. Kept here, not in one instance's memory, so a restart or another
     * instance refuses the start too (null: the room is not paused).
     */
    roomPausedAt: timestamp('room_paused_at', { withTimezone: true, precision: 3 }),
    /** The room-wide incident that paused it (incidents lives in the proctoring schema). */
    roomPauseIncidentId: uuid('room_pause_incident_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sittings_association_idx').on(t.associationId)],
);

/** The proctors assigned to watch a sitting. */
export const sittingProctors = pgTable(
  'sitting_proctors',
  {
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    proctorId: uuid('proctor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.sittingId, t.proctorId] }),
    index('sitting_proctors_proctor_idx').on(t.proctorId),
  ],
);

/** A candidate's place in a sitting, with the endorsement whose form they sit. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** IMH-E or ECMH-E: decides the Part One form. */
    examEndorsement: text('exam_endorsement').notNull(),
    category: text('category').notNull(),
    track: text('track'),
    /**
     * The parts this enrolment sits: both for a first attempt, one for a retake by part (the
     * other part's result stands). Delivery offers only these parts.
     */
    parts: smallint('parts')
      .array()
      .notNull()
      .default(sql`'{1,2}'::smallint[]`),
    admittedAt: timestamp('admitted_at', { withTimezone: true }),
    admittedBy: uuid('admitted_by'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    enrolledBy: uuid('enrolled_by'),
  },
  (t) => [
    unique('enrolments_sitting_candidate').on(t.sittingId, t.candidateId),
    index('enrolments_candidate_idx').on(t.candidateId),
  ],
);
