import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { bankForms } from './bank.js';
import { sittings } from './sittings.js';

/**
 * An item analysis computed automatically after a Part One closed: the figures as they stood
 * then (the on-demand analysis always recomputes). The summary columns let a list show runs
 * without reading the jsonb; `result` is the full ItemAnalysisResponse.
 */
export const analysisRuns = pgTable(
  'analysis_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => bankForms.id, { onDelete: 'cascade' }),
    sittingId: uuid('sitting_id')
      .notNull()
      .references(() => sittings.id, { onDelete: 'cascade' }),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    /** Why it ran: 'part_one_closed' today. */
    trigger: text('trigger').notNull(),
    candidates: integer('candidates').notNull(),
    alpha: doublePrecision('alpha'),
    flaggedItems: integer('flagged_items').notNull(),
    result: jsonb('result').notNull(),
  },
  (t) => [index('analysis_runs_scope_idx').on(t.formId, t.sittingId, t.computedAt)],
);
