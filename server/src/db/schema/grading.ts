import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { attempts } from './delivery.js';
import { sittings } from './sittings.js';

/** Stored rubric criterion: the shape of shared/api RubricCriterion. */
export interface StoredCriterion {
  id: string;
  title: string;
  domain: string;
  levels: { score: number; label: string; descriptor: string }[];
}
export interface StoredPassingRule {
  minLevelPerCriterion: number;
  minTotalPerResponse: number;
}
/** One reading's scores: criterion id -> level (null until chosen) and evidence comment. */
export type StoredScores = Record<string, { level: number | null; comment: string }>;
/** A response's final score: per criterion (a mean may be x.5) and the total. */
export interface StoredFinal {
  criteria: Record<string, number>;
  total: number;
  /** review: set by an appeal's decision from the independent review reading. */
  method: 'mean' | 'adjudicated' | 'review';
}

/**
 * A rubric version for one variant. Once `scoring_started_at` is set (the first response on it
 * given to a reader, or the first score saved with it) the service refuses to change it; a new
 * version applies only to responses no reader has been given yet.
 */
export const rubrics = pgTable(
  'rubrics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    variant: text('variant').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    criteria: jsonb('criteria').notNull().$type<StoredCriterion[]>(),
    /** The suggested Part Two passing rule; a sitting may override it per variant. */
    passingRule: jsonb('passing_rule').notNull().$type<StoredPassingRule>(),
    scoringStartedAt: timestamp('scoring_started_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [unique('rubrics_variant_version').on(t.variant, t.version)],
);

/** A grader's qualifications (the variants they may score) and whether they adjudicate. */
export const graders = pgTable('graders', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  variants: text('variants')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  adjudicator: boolean('adjudicator').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A declared conflict of interest. Keyed by email so a grader can declare one before (or
 * without knowing whether) the person has an account; routing matches it on the candidate's email.
 */
export const graderConflicts = pgTable(
  'grader_conflicts',
  {
    graderId: uuid('grader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    candidateEmail: text('candidate_email').notNull(),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
    declaredBy: uuid('declared_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.graderId, t.candidateEmail] })],
);

/** Per sitting: when two readings disagree enough for a third, and the Part Two passing rules. */
export const sittingGradingRules = pgTable('sitting_grading_rules', {
  sittingId: uuid('sitting_id')
    .primaryKey()
    .references(() => sittings.id, { onDelete: 'cascade' }),
  tolerancePerCriterion: integer('tolerance_per_criterion').notNull(),
  toleranceTotal: integer('tolerance_total').notNull(),
  passingRules: jsonb('passing_rules')
    .notNull()
    .$type<Record<string, StoredPassingRule>>()
    .default(sql`'{}'::jsonb`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/**
 * An attempt whose closed Part Two was taken in for grading: makes intake idempotent and keeps
 * how many responses were required and how many could be graded.
 */
export const gradingIntake = pgTable('grading_intake', {
  attemptId: uuid('attempt_id')
    .primaryKey()
    .references(() => attempts.id, { onDelete: 'cascade' }),
  sittingId: uuid('sitting_id')
    .notNull()
    .references(() => sittings.id, { onDelete: 'cascade' }),
  required: smallint('required').notNull(),
  gradable: smallint('gradable').notNull(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
});

/** One response to be scored, known to graders only by its random `code`. */
export const gradingItems = pgTable(
  'grading_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    vignette: smallint('vignette').notNull(),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => users.id),
    variant: text('variant').notNull(),
    /**
     * The rubric version every reading of this response is scored with. Pinned once its first
     * reading is given out: a newer version moves only responses nobody has been given yet.
     */
    rubricId: uuid('rubric_id')
      .notNull()
      .references(() => rubrics.id),
    /** reading | adjudicating | final */
    status: text('status').notNull().default('reading'),
    final: jsonb('final').$type<StoredFinal>(),
    finalizedAt: timestamp('finalized_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('grading_items_attempt_vignette').on(t.attemptId, t.vignette),
    // What a reading's (item, rubric version) reference points at: see grading_assignments.
    unique('grading_items_id_rubric').on(t.id, t.rubricId),
    index('grading_items_sitting_idx').on(t.sittingId),
  ],
);

/** A grader's reading of one item: a first reader's, or the third reader's (adjudicator). */
export const gradingAssignments = pgTable(
  'grading_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => gradingItems.id, { onDelete: 'cascade' }),
    graderId: uuid('grader_id')
      .notNull()
      .references(() => users.id),
    /** reader | adjudicator | review (an appeal's independent reading, shown as a reader's) */
    role: text('role').notNull(),
    /** The grader's stable pseudo-random queue position: a hash of grader and item. */
    orderKey: text('order_key').notNull(),
    /** assigned | draft | submitted */
    status: text('status').notNull().default('assigned'),
    scores: jsonb('scores')
      .notNull()
      .$type<StoredScores>()
      .default(sql`'{}'::jsonb`),
    /**
     * The rubric version the stored scores were made with, set with the first saved score (a
     * draft or the submission). It must be the response's pinned version (the foreign key
     * below), so a response with a stored score cannot move to another version either.
     */
    rubricId: uuid('rubric_id'),
    flagged: boolean('flagged').notNull().default(false),
    flagNote: text('flag_note').notNull().default(''),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    unique('grading_assignments_item_grader').on(t.itemId, t.graderId),
    foreignKey({
      name: 'grading_assignments_scored_with_pinned_rubric',
      columns: [t.itemId, t.rubricId],
      foreignColumns: [gradingItems.id, gradingItems.rubricId],
    }).onDelete('cascade'),
    check(
      'grading_assignments_scores_name_rubric',
      sql`${t.status} = 'assigned' OR ${t.rubricId} IS NOT NULL`,
    ),
    uniqueIndex('grading_assignments_one_adjudicator')
      .on(t.itemId)
      .where(sql`${t.role} = 'adjudicator'`),
    index('grading_assignments_grader_idx').on(t.graderId),
    // Every routing pass looks for readings held unsubmitted (open-readings.repo): a few among
    // every reading the programme has ever had.
    index('grading_assignments_open_idx')
      .on(t.itemId)
      .where(sql`${t.status} <> 'submitted'`),
  ],
);
