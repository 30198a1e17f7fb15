import { sql } from 'drizzle-orm';
import { pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** A set of vignettes shown together in Part Two; the candidate answers `required_count` of them. */
export const vignetteSets = pgTable('vignette_sets', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  /** clinical | policy | research-faculty */
  variant: text('variant').notNull(),
  /** IMH-E | ECMH-E, or null when written for both. */
  endorsement: text('endorsement'),
  /** specialist | mentor: Specialists answer as practitioners, Mentors as leaders. */
  audience: text('audience').notNull(),
  requiredCount: smallint('required_count').notNull().default(2),
  instructions: text('instructions').notNull(),
  /** active | retired */
  status: text('status').notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const vignettes = pgTable(
  'vignettes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    setId: uuid('set_id')
      .notNull()
      .references(() => vignetteSets.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    /** One string per paragraph. */
    caseText: text('case_text')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    prompts: text('prompts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The competency domains its rubric scores. */
    domains: text('domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [unique('vignettes_set_position').on(t.setId, t.position)],
);
