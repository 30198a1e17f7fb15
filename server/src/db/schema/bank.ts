import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ageBands,
  competencyDomains,
  examEndorsements,
  type AgeBand,
  type CompetencyDomain,
  type ExamEndorsement,
} from '@exam/shared/domain';
import { users } from './auth.js';

export const bankItemStatuses = ['draft', 'active', 'retired'] as const;
export type BankItemStatus = (typeof bankItemStatuses)[number];
export const bankFormStatuses = ['draft', 'active', 'retired'] as const;
export type BankFormStatus = (typeof bankFormStatuses)[number];

/** The blueprint a form was assembled from, kept with the form so its make-up can be explained later. */
export interface StoredBlueprint {
  cells: { domain: CompetencyDomain; ageBand: AgeBand; count: number }[];
}

// The vocabulary lives in shared/ as constants; the checks keep rows written outside the service honest.
function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}

/**
 * One row per question. Status: draft (never published), active (has a published version and may
 * be drawn into new forms), retired (kept for the forms that pin it, never drawn again).
 */
export const bankItems = pgTable(
  'bank_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    status: text('status').notNull().$type<BankItemStatus>(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /**
     * The identifier an item carried in a QTI package from another tool, so importing that
     * package again updates the item instead of creating a twin. Null for items written here.
     */
    qtiIdentifier: text('qti_identifier'),
    /** Marked for review (say, from item analysis): who, when and why; cleared once reviewed. */
    reviewRequestedAt: timestamp('review_requested_at', { withTimezone: true }),
    reviewRequestedBy: uuid('review_requested_by').references(() => users.id),
    reviewNote: text('review_note'),
  },
  (t) => [
    check('bank_items_status_check', oneOf('status', bankItemStatuses)),
    uniqueIndex('bank_items_qti_identifier_idx').on(t.qtiIdentifier),
    check(
      'bank_items_review_check',
      sql`(${t.reviewRequestedAt} IS NULL) = (${t.reviewNote} IS NULL)`,
    ),
  ],
);

/**
 * The content of an item, versioned. At most one unpublished version (the draft) per item; once
 * published_at is set the row is immutable (a trigger refuses updates and deletes), so a form that
 * pins a version always shows exactly what was reviewed.
 */
export const bankItemVersions = pgTable(
  'bank_item_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => bankItems.id),
    version: integer('version').notNull(),
    stem: text('stem').notNull(),
    options: text('options').array().notNull(),
    keyIndex: integer('key_index').notNull(),
    /** False: candidates see the options in authored order (QTI shuffle="false"). */
    shuffle: boolean('shuffle').notNull().default(true),
    /**
     * Indexes of options that keep their authored place while the others are shuffled (QTI
     * fixed="true", say "All of the above" last). Part of the version: a published version's
     * orders never change under a sitting.
     */
    fixedOptions: integer('fixed_options')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    domain: text('domain').notNull().$type<CompetencyDomain>(),
    ageBand: text('age_band').notNull().$type<AgeBand>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [
    unique('bank_item_versions_item_version_unique').on(t.itemId, t.version),
    uniqueIndex('bank_item_versions_one_draft_idx')
      .on(t.itemId)
      .where(sql`${t.publishedAt} IS NULL`),
    index('bank_item_versions_cell_idx').on(t.domain, t.ageBand),
    check('bank_item_versions_version_check', sql`${t.version} >= 1`),
    check('bank_item_versions_options_check', sql`cardinality(${t.options}) = 4`),
    check('bank_item_versions_key_check', sql`${t.keyIndex} BETWEEN 0 AND 3`),
    check(
      'bank_item_versions_fixed_options_check',
      sql`${t.fixedOptions} <@ ARRAY[0, 1, 2, 3] AND cardinality(${t.fixedOptions}) <= 4`,
    ),
    check('bank_item_versions_domain_check', oneOf('domain', competencyDomains)),
    check('bank_item_versions_age_band_check', oneOf('age_band', ageBands)),
  ],
);

/** A Part One form for one endorsement; at most one active form per endorsement at a time. */
export const bankForms = pgTable(
  'bank_forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endorsement: text('endorsement').notNull().$type<ExamEndorsement>(),
    name: text('name').notNull(),
    status: text('status').notNull().$type<BankFormStatus>(),
    blueprint: jsonb('blueprint').notNull().$type<StoredBlueprint>(),
    /** The assembly seed: the same bank, blueprint and seed assemble the same form again. */
    seed: text('seed').notNull(),
    /**
     * Correct answers needed to pass (48 of 60 today). Changed only by adopting a standard-setting
     * study's cut (modules/standard-setting), which audits it.
     */
    cutScore: integer('cut_score').notNull().default(48),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('bank_forms_one_active_idx')
      .on(t.endorsement)
      .where(sql`${t.status} = 'active'`),
    check('bank_forms_status_check', oneOf('status', bankFormStatuses)),
    check('bank_forms_endorsement_check', oneOf('endorsement', examEndorsements)),
    check('bank_forms_cut_score_check', sql`${t.cutScore} >= 1`),
  ],
);

/** The item versions a form pins, at positions 1..N. */
export const bankFormItems = pgTable(
  'bank_form_items',
  {
    formId: uuid('form_id')
      .notNull()
      .references(() => bankForms.id),
    position: integer('position').notNull(),
    itemVersionId: uuid('item_version_id')
      .notNull()
      .references(() => bankItemVersions.id),
  },
  (t) => [
    primaryKey({ columns: [t.formId, t.position] }),
    unique('bank_form_items_form_version_unique').on(t.formId, t.itemVersionId),
    index('bank_form_items_version_idx').on(t.itemVersionId),
    check('bank_form_items_position_check', sql`${t.position} >= 1`),
  ],
);
