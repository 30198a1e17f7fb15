import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { associations } from './associations.js';

/** Where a message is in its life; see modules/mail/mail.worker.ts for the transitions. */
export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'uncertain'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** A file sent with a message (an .ics invitation); small text, kept inline. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * The mail queue and, on the embedded default, the mail catcher: every message the platform
 * sends, rendered at enqueue time (so what the Mail page shows is what was sent). Claimed by
 * the worker with FOR UPDATE SKIP LOCKED; a row is `sending` from the committed claim until
 * the transport answered, so a crash in between leaves it `sending` and it becomes `uncertain`
 * for an administrator rather than being sent twice. An association's mail carries its
 * association_id (row-level security scopes by it); the programme's own mail has none and is
 * seen only by the programme's administrators.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    associationId: uuid('association_id').references(() => associations.id),
    /** The template kind, e.g. `invitation`, `sitting-scheduled`. */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    recipientName: text('recipient_name'),
    /** The From: resolved at enqueue (the association's sender); null means MAIL_FROM. */
    fromAddress: text('from_address'),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    attachments: jsonb('attachments')
      .notNull()
      .$type<StoredAttachment[]>()
      .default(sql`'[]'::jsonb`),
    /** The one link the recipient must follow (invitation, reset, unlock), for the server log. */
    link: text('link'),
    /** Same key twice, one message: a reminder is never queued twice, whoever schedules it. */
    dedupeKey: text('dedupe_key').unique(),
    status: text('status').$type<MailStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** `smtp` or `catcher` (the database is the mailbox: no SMTP_URL). */
    transport: text('transport'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mail_messages_due_idx').on(t.status, t.nextAttemptAt),
    index('mail_messages_association_idx').on(t.associationId, t.createdAt),
    check(
      'mail_messages_status_check',
      sql`${t.status} IN ('queued', 'sending', 'sent', 'failed', 'uncertain')`,
    ),
  ],
);
