import { sql } from 'drizzle-orm';
import {
  check,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { sittings } from './sittings.js';

// Owned by delivery: Part One is scored there (scorePartOne), at close, on rescoring and on an
// accepted late change, and each of those reads the sitting's corrections. The
// scoring-corrections module writes them through delivery's index.

/**
 * A key correction for one sitting's scoring of one form position: re-key (a different correct
 * option, in the item's original option order) or void (the item leaves scoring). One row per
 * sitting, form and position; a later correction of the same item replaces it.
 */
export const scoringCorrections = pgTable(
  'scoring_corrections',
  {
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    formId: uuid('form_id').notNull(),
    position: integer('position').notNull(),
    /** rekey | void */
    kind: text('kind').notNull(),
    keyIndex: smallint('key_index'),
    reason: text('reason').notNull(),
    correctedBy: uuid('corrected_by').references(() => users.id),
    correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sittingId, t.formId, t.position] }),
    check('scoring_corrections_kind_check', sql`${t.kind} IN ('rekey','void')`),
    check(
      'scoring_corrections_key_check',
      sql`(${t.kind} = 'rekey' AND ${t.keyIndex} BETWEEN 0 AND 3) OR (${t.kind} = 'void' AND ${t.keyIndex} IS NULL)`,
    ),
  ],
);
