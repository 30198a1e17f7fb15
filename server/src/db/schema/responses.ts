import { sql } from 'drizzle-orm';
import {
  bigint,
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
  uuid,
} from 'drizzle-orm/pg-core';
import { attemptParts, attempts } from './delivery.js';

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
 *
 * A patch belongs to its attempt's Part Two row rather than to the attempt: the patch writer
 * inserts under a FOR SHARE lock on that row, so the foreign key's own FOR KEY SHARE check finds
 * the lock already held and writes nothing. Referencing `attempts`, every patch also locked the
 * attempt row, a 54-byte WAL record per patch (about an eighth of a patch's WAL, measured with
 * pg_walinspect). Deleting an attempt still deletes its patches, through its parts.
 */
export const draftPatches = pgTable(
  'draft_patches',
  {
    attemptId: uuid('attempt_id').notNull(),
    vignette: smallint('vignette').notNull(),
    revision: integer('revision').notNull(),
    base: integer('base').notNull(),
    steps: jsonb('steps').notNull().$type<unknown[]>(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    /** Always 2: what the foreign key to attempt_parts needs beside the attempt. */
    part: smallint('part').notNull().default(2),
    /**
     * Null for a row holding one patch. A row may hold several consecutive patches of one
     * connection that reached the same group commit (from `base` to `revision`, their steps in
     * order): then, for each patch before the last, the revision it made and the number of steps
     * up to and including it (PatchRow in shared/src/editor/stored-steps.ts).
     */
    marks: integer('marks').array(),
  },
  (t) => [
    primaryKey({ columns: [t.attemptId, t.vignette, t.revision] }),
    foreignKey({
      name: 'draft_patches_attempt_part_fk',
      columns: [t.attemptId, t.part],
      foreignColumns: [attemptParts.attemptId, attemptParts.part],
    }).onDelete('cascade'),
    check('draft_patches_part_two_check', sql`${t.part} = 2`),
  ],
);
