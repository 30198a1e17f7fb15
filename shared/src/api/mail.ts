import { z } from 'zod';

/** HTTP contract of the Mail page: what the platform sent, queued or could not send. */

export const mailStatuses = ['queued', 'sending', 'sent', 'failed', 'uncertain'] as const;
export const mailStatusSchema = z.enum(mailStatuses);
export type MailStatusName = z.infer<typeof mailStatusSchema>;

export const mailListQuerySchema = z.strictObject({
  status: z.preprocess((v) => (v === '' ? undefined : v), mailStatusSchema.optional()),
});
export type MailListQuery = z.infer<typeof mailListQuerySchema>;

export const mailSummarySchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  to: z.string(),
  recipientName: z.string().nullable(),
  subject: z.string(),
  status: mailStatusSchema,
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** When a queued message is tried next. */
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  /** `smtp`, `catcher` (the database is the mailbox) or `marked` (an administrator's word). */
  transport: z.string().nullable(),
});
export type MailSummary = z.infer<typeof mailSummarySchema>;

export const mailListResponseSchema = z.object({
  messages: z.array(mailSummarySchema),
  counts: z.record(mailStatusSchema, z.number().int()),
  /** How this server delivers: over SMTP, or into the database (no SMTP_URL). */
  delivery: z.enum(['smtp', 'catcher']),
});
export type MailListResponse = z.infer<typeof mailListResponseSchema>;

export const mailDetailSchema = mailSummarySchema.extend({
  from: z.string(),
  /** The HTML body exactly as sent; the page shows it in a sandboxed frame. */
  html: z.string(),
  text: z.string(),
  attachments: z.array(
    z.object({ filename: z.string(), contentType: z.string(), size: z.number() }),
  ),
});
export type MailDetail = z.infer<typeof mailDetailSchema>;

/** An administrator's decision on an uncertain or failed message. */
export const mailResolveRequestSchema = z.strictObject({
  action: z.enum(['resend', 'mark-sent']),
});
export type MailResolveRequest = z.infer<typeof mailResolveRequestSchema>;
