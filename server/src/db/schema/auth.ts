import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { associations } from './associations.js';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased; unique. */
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  /**
   * argon2id. An invited user who has not accepted yet holds `NO_PASSWORD` (no argon2 hash, so
   * nothing verifies against it) until the invitation sets one.
   */
  passwordHash: text('password_hash').notNull(),
  /** Programme roles only (grader, admin, psychometrician, panelist); see association_members. */
  roles: text('roles')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  disabled: boolean('disabled').notNull().default(false),
  /** Base32 TOTP secret (RFC 6238); never returned after enrolment. Null: no second factor. */
  totpSecret: text('totp_secret'),
  /** Set when enrolment was confirmed with a first code; the secret is in force from then on. */
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
  totpLastStep: integer('totp_last_step'),
  /** IANA zone the user reads dates in; null means their association's `time_zone`. */
  timeZone: text('time_zone'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per login; the cookie carries a random token whose SHA-256 is the id. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The association this session acts for (chosen at sign-in or later); null: programme only. */
    associationId: uuid('association_id').references(() => associations.id),
    /** The browser's User-Agent at sign-in, for the user's list of their sessions. */
    userAgent: text('user_agent'),
    /** The client's address at sign-in (as TRUST_PROXY resolves it). */
    address: text('address'),
    /** Moved forward at most once a minute per session, not on every request. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Who belongs to which association, with the association roles (candidate, proctor, coordinator)
 * they hold there. A proctor who works for two associations has two rows.
 */
export const associationMembers = pgTable(
  'association_members',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    associationId: uuid('association_id')
      .notNull()
      .references(() => associations.id, { onDelete: 'cascade' }),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.associationId] }),
    index('association_members_association_idx').on(t.associationId),
  ],
);
