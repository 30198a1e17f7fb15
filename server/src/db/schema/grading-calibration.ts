import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import { rubrics, type StoredScores } from './grading.js';

/**
 * Holding graders to a standard: benchmark responses with agreed scores, qualification before
 * live work, seeded benchmarks in live queues and the pause that follows drifting from them.
 * All of it is the programme's (the grader pool and its standard are shared by every
 * association), so no table here carries an association, and a benchmark keeps a copy of the
 * response it was made from, never a link to the attempt, candidate or sitting.
 */

/** The vignette a benchmark response answered, copied: the shape graders are shown. */
export interface StoredVignetteCopy {
  title: string;
  caseText: string[];
  prompts: string[];
}
/** A grader's annotation of a seeded response (the shape of shared/api Annotation). */
export interface StoredSeedAnnotation {
  id: string;
  start: number;
  end: number;
  quote: string;
  comment: string;
}
/** Per criterion: the agreed level and why that level, shown to graders after qualification. */
export type StoredAgreed = Record<string, { level: number; rationale: string }>;

/** The programme's calibration rules: one row (id 1), created with its defaults on first read. */
export const calibrationSettings = pgTable(
  'grading_calibration_settings',
  {
    id: smallint('id').primaryKey().default(1),
    qualificationSetSize: integer('qualification_set_size').notNull().default(10),
    qualificationExactPercent: integer('qualification_exact_percent').notNull().default(70),
    qualificationAdjacentPercent: integer('qualification_adjacent_percent').notNull().default(95),
    qualificationValidDays: integer('qualification_valid_days').notNull().default(365),
    /** One seeded benchmark in every `seedEvery` responses of a live queue. */
    seedEvery: integer('seed_every').notNull().default(10),
    /** Agreement with seeds is judged over the grader's last `seedWindow` submitted seeds... */
    seedWindow: integer('seed_window').notNull().default(20),
    /** ...once at least `seedMinimum` are in, so one early slip does not pause anyone. */
    seedMinimum: integer('seed_minimum').notNull().default(5),
    seedExactPercent: integer('seed_exact_percent').notNull().default(70),
    seedAdjacentPercent: integer('seed_adjacent_percent').notNull().default(95),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('grading_calibration_settings_one_row', sql`${t.id} = 1`)],
);

/** A past response turned into a benchmark: an anonymised copy and its agreed scores. */
export const benchmarks = pgTable(
  'grading_benchmarks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    variant: text('variant').notNull(),
    rubricId: uuid('rubric_id')
      .notNull()
      .references(() => rubrics.id),
    vignette: jsonb('vignette').notNull().$type<StoredVignetteCopy>(),
    responseDoc: jsonb('response_doc').notNull(),
    words: integer('words').notNull(),
    agreed: jsonb('agreed').notNull().$type<StoredAgreed>(),
    /** Retired benchmarks stay for the history of sets and seeds that used them. */
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('grading_benchmarks_rubric_idx').on(t.rubricId)],
);

/** One round of a grader's qualification set for a rubric version (round 1, then one retry). */
export const qualificationRounds = pgTable(
  'grading_qualification_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    graderId: uuid('grader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rubricId: uuid('rubric_id')
      .notNull()
      .references(() => rubrics.id),
    variant: text('variant').notNull(),
    round: smallint('round').notNull(),
    /** The set, in the order the grader is shown it. */
    benchmarkIds: uuid('benchmark_ids').array().notNull(),
    /** benchmark id -> criterion id -> level chosen (null until chosen). */
    levels: jsonb('levels')
      .notNull()
      .$type<Record<string, Record<string, number | null>>>()
      .default(sql`'{}'::jsonb`),
    /** open | passed | failed */
    status: text('status').notNull().default('open'),
    exactPercent: integer('exact_percent'),
    adjacentPercent: integer('adjacent_percent'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('grading_qualification_rounds_grader_idx').on(t.graderId, t.rubricId)],
);

/** A grader's standing for a rubric version: qualified until `expiresAt`, or not qualified. */
export const graderQualifications = pgTable(
  'grading_grader_qualifications',
  {
    graderId: uuid('grader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rubricId: uuid('rubric_id')
      .notNull()
      .references(() => rubrics.id),
    variant: text('variant').notNull(),
    qualified: boolean('qualified').notNull(),
    /** set: passed a qualification set; coordinator: decided by a person; import: seeded. */
    source: text('source').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    note: text('note').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.graderId, t.rubricId] })],
);

/**
 * A benchmark seeded into a grader's live queue. Its own table keeps it out of everything results
 * read, while its code is drawn like a live response's and its sheet is stored the same way.
 */
export const seedReadings = pgTable(
  'grading_seed_readings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    graderId: uuid('grader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    benchmarkId: uuid('benchmark_id')
      .notNull()
      .references(() => benchmarks.id),
    orderKey: text('order_key').notNull(),
    /** assigned | draft | submitted */
    status: text('status').notNull().default('assigned'),
    scores: jsonb('scores')
      .notNull()
      .$type<StoredScores>()
      .default(sql`'{}'::jsonb`),
    flagged: boolean('flagged').notNull().default(false),
    flagNote: text('flag_note').notNull().default(''),
    /**
     * The grader's annotations of the seed, kept with it: a seed's page must behave like a live
     * one (annotate, reload, see them), yet nothing of a seed belongs in the live tables.
     */
    annotations: jsonb('annotations')
      .notNull()
      .$type<StoredSeedAnnotation[]>()
      .default(sql`'[]'::jsonb`),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [index('grading_seed_readings_grader_idx').on(t.graderId)],
);

/** A grader paused from live scoring (by falling below the seed threshold), until lifted. */
export const graderPauses = pgTable(
  'grading_grader_pauses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    graderId: uuid('grader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    /** The figures that tripped it: seeds compared, exact and adjacent percentages. */
    details: jsonb('details').notNull().$type<Record<string, unknown>>(),
    pausedAt: timestamp('paused_at', { withTimezone: true }).notNull(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by').references(() => users.id),
    liftNote: text('lift_note').notNull().default(''),
  },
  (t) => [index('grading_grader_pauses_grader_idx').on(t.graderId)],
);

/**
 * What the coordinator must look at (a pause, a qualification waiting for a decision). A record,
 * so a mail sender can later pick up what was not sent; shown on the monitoring page.
 */
export const gradingNotifications = pgTable('grading_notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  graderId: uuid('grader_id').references(() => users.id, { onDelete: 'cascade' }),
  message: text('message').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  readAt: timestamp('read_at', { withTimezone: true }),
});
