import { z } from 'zod';
import { ageBands, competencyDomains } from '../domain/credential.js';

/**
 * HTTP contract of the item bank's exchange: QTI 3.0 content packages in and out, and the review
 * mark an item carries while someone looks at it again (say, after item analysis flagged it).
 */

/** Caps on an uploaded package; the server enforces them, the client says them before upload. */
export const QTI_PACKAGE_MAX_BYTES = 20 * 1024 * 1024;
export const QTI_PACKAGE_MAX_ENTRIES = 5000;
/** Total of every entry once inflated: a few kilobytes of zip cannot become gigabytes. */
export const QTI_PACKAGE_MAX_INFLATED_BYTES = 100 * 1024 * 1024;

export const qtiImportActionSchema = z.enum(['create', 'update', 'unchanged']);
export type QtiImportAction = z.infer<typeof qtiImportActionSchema>;

/** One item the import will take: a new bank item, a new draft of an existing one, or nothing. */
export const qtiImportItemSchema = z.object({
  identifier: z.string(),
  file: z.string(),
  action: qtiImportActionSchema,
  /** The bank item it updates; null when it will be created. */
  itemId: z.string().uuid().nullable(),
  /** How many versions of the item the package holds. */
  versions: z.number().int().min(1),
  stem: z.string(),
  domain: z.enum(competencyDomains),
  ageBand: z.enum(ageBands),
});
export type QtiImportItem = z.infer<typeof qtiImportItemSchema>;

/** An item (or other entry) the import cannot take, and why, in words a coordinator can act on. */
export const qtiImportRefusalSchema = z.object({
  identifier: z.string().nullable(),
  file: z.string(),
  reason: z.string(),
});
export type QtiImportRefusal = z.infer<typeof qtiImportRefusalSchema>;

export const qtiImportPreviewSchema = z.object({
  /** Confirm sends this back with the same package; a changed package or bank makes it stale. */
  planDigest: z.string().regex(/^[0-9a-f]{64}$/),
  packageSha256: z.string().regex(/^[0-9a-f]{64}$/),
  items: z.array(qtiImportItemSchema),
  refused: z.array(qtiImportRefusalSchema),
  counts: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
  }),
});
export type QtiImportPreview = z.infer<typeof qtiImportPreviewSchema>;

export const qtiImportConfirmQuerySchema = z
  .object({ plan: z.string().regex(/^[0-9a-f]{64}$/, 'plan must be the digest from the preview') })
  .strict();
export type QtiImportConfirmQuery = z.infer<typeof qtiImportConfirmQuerySchema>;

export const qtiImportResultSchema = qtiImportPreviewSchema.extend({
  /** The bank item each created or updated entry became, by package identifier. */
  applied: z.array(z.object({ identifier: z.string(), itemId: z.string().uuid() })),
});
export type QtiImportResult = z.infer<typeof qtiImportResultSchema>;

export const bankReviewRequestSchema = z
  .object({ note: z.string().trim().min(3, 'Say why the item needs review').max(2000) })
  .strict();
export type BankReviewRequest = z.infer<typeof bankReviewRequestSchema>;

export const bankReviewClearRequestSchema = z
  .object({ outcome: z.string().trim().min(3, 'Say what the review found').max(2000) })
  .strict();
export type BankReviewClearRequest = z.infer<typeof bankReviewClearRequestSchema>;

/** The review mark on an item; null when no review is pending. */
export const bankItemReviewSchema = z.object({
  requestedAt: z.string(),
  requestedBy: z.string().uuid().nullable(),
  note: z.string(),
});
export type BankItemReview = z.infer<typeof bankItemReviewSchema>;
