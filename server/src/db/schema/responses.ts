import {
  bigint,
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
import { attempts } from './delivery.js';

/** The latest stored draft of each Part Two response; a higher revision always wins. */
export const responses = pgTable(
  'responses',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    vignette: smallint('vignette').notNull(),
    doc: jsonb('doc').notNull().$type<Record<string, unknown>>(),
    revision: integer('revision').notNull(),
    words: integer('words').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.vignette] })],
);

/** How a response grew: a snapshot at least every minute of change, at submit, and on restore. */
export const responseSnapshots = pgTable(
  'response_snapshots',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    vignette: smallint('vignette').notNull(),
    revision: integer('revision').notNull(),
    doc: jsonb('doc').notNull().$type<Record<string, unknown>>(),
    words: integer('words').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    /** interval | submit | restore */
    reason: text('reason').notNull(),
    actorId: uuid('actor_id'),
  },
  (t) => [index('response_snapshots_attempt_idx').on(t.attemptId, t.vignette, t.at)],
);

/** Which vignettes the candidate answers; every change is also in attempt_events. */
export const vignetteChoices = pgTable('vignette_choices', {
  attemptId: uuid('attempt_id')
    .primaryKey()
    .references(() => attempts.id, { onDelete: 'cascade' }),
  chosen: smallint('chosen').array().notNull(),
  revision: integer('revision').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * Every acknowledged editor change: each turns revision `base` into `revision`. Those above a
 * response's stored revision bring it up to date (a stored draft, the candidate's or the server's
 * checkpoint, at or above a patch's revision supersedes it, and closing Part Two folds what is
 * left into the response); those at or below it stay as its history, so a revision reached by
 * patches can be rebuilt from the snapshot before it. A coordinator's restore drops them.
 */
export const draftPatches = pgTable(
  'draft_patches',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => attempts.id, { onDelete: 'cascade' }),
    vignette: smallint('vignette').notNull(),
    revision: integer('revision').notNull(),
    base: integer('base').notNull(),
    steps: jsonb('steps').notNull().$type<unknown[]>(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.vignette, t.revision] })],
);
