import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The migration puts every row that existed before associations into these two, so an upgraded
 * deployment keeps running as one programme with one association.
 */
export const DEFAULT_PROGRAMME_ID = '00000000-0000-4000-8000-000000000001';
export const DEFAULT_ASSOCIATION_ID = '00000000-0000-4000-8000-000000000002';

/**
 * The credentialing programme: it keeps the item bank, forms, vignette sets, rubrics, standard
 * setting and the grader pool that every association shares.
 */
export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /**
   * When true (the default) a vignette response is never routed to a grader who belongs to the
   * candidate's own association, on top of the declared conflicts of interest.
   */
  excludeOwnAssociationGraders: boolean('exclude_own_association_graders').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A state or national association that runs sittings of the programme's exam for its applicants. */
export const associations = pgTable('associations', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: uuid('programme_id')
    .notNull()
    .references(() => programmes.id),
  name: text('name').notNull(),
  /** Shown in headers and letters, e.g. "MI-AIMH"; unique. */
  shortName: text('short_name').notNull().unique(),
  /** The letterhead's logo as a data: URL (PNG or JPEG), or null for the name alone. */
  logo: text('logo'),
  contactEmail: text('contact_email').notNull(),
  /** IANA zone its dates are shown in by default, e.g. "America/Detroit". */
  timeZone: text('time_zone').notNull().default('UTC'),
  /** Application deadlines as month-day, e.g. ["01-31", "04-30", "07-31", "10-31"]. */
  applicationDeadlines: jsonb('application_deadlines')
    .notNull()
    .$type<string[]>()
    .default(sql`'["01-31","04-30","07-31","10-31"]'::jsonb`),
  /** Years after results release that responses are kept. */
  retentionYears: integer('retention_years').notNull().default(7),
  /** The From: of its mail, e.g. "MI-AIMH Endorsement <endorsement@mi-aimh.org>". */
  mailSender: text('mail_sender'),
  /** Minutes before a sitting's start that check-in opens (the sitting opens itself then). */
  checkInOpensMinutes: integer('check_in_opens_minutes').notNull().default(30),
  /** Minutes after the start past which a candidate is late: only a proctor, with a reason, admits. */
  lateCutoffMinutes: integer('late_cutoff_minutes').notNull().default(15),
  /** Months a passed part stays valid for a retake of the other part. */
  retakeValidityMonths: integer('retake_validity_months').notNull().default(24),
  /** Days after the failed sitting before a retake sitting may start. */
  retakeWaitDays: integer('retake_wait_days').notNull().default(365),
  /** Attempts at one part, the first included, that a candidate may make. */
  retakeMaxAttempts: integer('retake_max_attempts').notNull().default(3),
  /** Days before the retake sitting's start that the request must be in (56: eight weeks). */
  retakeRequestDays: integer('retake_request_days').notNull().default(56),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
