import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
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
import { bankForms } from './bank.js';
import { sittings } from './sittings.js';

export const studyStatuses = ['round1', 'round2', 'adopted'] as const;
export type StudyStatus = (typeof studyStatuses)[number];

/**
 * A modified-Angoff study for one form: panelists rate round 1, see impact data from the impact
 * sitting, rate round 2, and a coordinator adopts a cut for the form.
 */
export const standardSettingStudies = pgTable(
  'standard_setting_studies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => bankForms.id),
    name: text('name').notNull(),
    status: text('status').notNull().$type<StudyStatus>().default('round1'),
    /** The last sitting of the form with closed Part Ones when round 2 opened: its impact data. */
    impactSittingId: uuid('impact_sitting_id').references(() => sittings.id),
    adoptedCut: integer('adopted_cut'),
    recommendedCut: integer('recommended_cut'),
    adoptionReason: text('adoption_reason'),
    adoptedBy: uuid('adopted_by').references(() => users.id),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('standard_setting_studies_form_idx').on(t.formId),
    check(
      'standard_setting_studies_status_check',
      sql`${t.status} IN ('round1','round2','adopted')`,
    ),
  ],
);

/** The panelists invited to a study (users holding the panelist role). */
export const standardSettingPanelists = pgTable(
  'standard_setting_panelists',
  {
    studyId: uuid('study_id')
      .notNull()
      .references(() => standardSettingStudies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.studyId, t.userId] }),
    index('standard_setting_panelists_user_idx').on(t.userId),
  ],
);

/** One panelist's rating of one item in one round: P(minimally competent candidate correct). */
export const standardSettingRatings = pgTable(
  'standard_setting_ratings',
  {
    studyId: uuid('study_id')
      .notNull()
      .references(() => standardSettingStudies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    round: smallint('round').notNull(),
    position: integer('position').notNull(),
    rating: doublePrecision('rating').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.studyId, t.userId, t.round, t.position] }),
    check('standard_setting_ratings_round_check', sql`${t.round} IN (1, 2)`),
    check('standard_setting_ratings_rating_check', sql`${t.rating} >= 0 AND ${t.rating} <= 1`),
  ],
);
