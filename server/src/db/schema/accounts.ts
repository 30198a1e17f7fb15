import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { associations } from './associations.js';
import { users } from './auth.js';

/**
 * An invitation to set a first password. Only the SHA-256 of the link's token is kept. A resend
 * revokes the row and makes a new one, so an older link stops working. `association_id` is the
 * association whose coordinator invited (null: programme staff invited by an administrator).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    associationId: uuid('association_id').references(() => associations.id),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('invitations_user_idx').on(t.userId)],
);

/**
 * Single-use links and steps of one user: `password-reset` (30 minutes), `unlock` (from the
 * account-locked mail) and `two-factor` (the pending sign-in between password and code, minutes;
 * not a session). Only the SHA-256 of the token is kept.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    kind: text('kind', { enum: ['password-reset', 'unlock', 'two-factor'] }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId, t.kind)],
);

/** Ten one-time codes for a lost authenticator, stored as SHA-256 (they are random, not chosen). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * Failed sign-in counters, kept in PostgreSQL so they hold across restarts and instances. The key
 * names what is counted: `account:<email>`, `account-address:<email>|<address>`, `address:<ip>`.
 * One atomic upsert per failure (see throttle.repo.ts).
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
