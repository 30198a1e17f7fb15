import { z } from 'zod';

/** HTTP contract of the administrators' audit page: filtered listing, verification, export. */

export const AUDIT_PAGE_SIZE = 50;

// A blank filter field arrives as an empty query parameter and means "any".
const blankAsAbsent = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const text = (max: number) => z.preprocess(blankAsAbsent, z.string().trim().max(max).optional());
const instant = z.preprocess(
  blankAsAbsent,
  z.iso.datetime({ offset: true, error: 'Give a date and time' }).optional(),
);

export const auditQuerySchema = z
  .strictObject({
    /** The actor's email address. */
    actor: z.preprocess(
      blankAsAbsent,
      z
        .string()
        .trim()
        .toLowerCase()
        .email('Give the actor as an email address')
        .max(254)
        .optional(),
    ),
    /** Matches as a prefix: `session.` finds every session action. */
    action: text(100),
    subjectType: text(100),
    subjectId: text(200),
    from: instant,
    to: instant,
    /** Keyset cursor: entries with a smaller id than this (the `nextBefore` of the last page). */
    before: z.preprocess(blankAsAbsent, z.coerce.number().int().positive().optional()),
    limit: z.preprocess(
      blankAsAbsent,
      z.coerce.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The start of the time range must not be after its end',
    path: ['to'],
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.string(), email: z.string(), displayName: z.string() }).nullable(),
  /** Set even when the account is gone, so the entry still names who acted. */
  actorId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntrySummary = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditCheckpointSchema = z.object({
  headId: z.number().int(),
  headHash: z.string(),
  count: z.number().int(),
  signedAt: z.string(),
  keyId: z.string(),
});

export const auditVerifyReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  head: z.object({ id: z.number().int(), hash: z.string() }).nullable(),
  checkpoints: z.number().int(),
  lastCheckpoint: auditCheckpointSchema.nullable(),
  firstBreak: z.object({ atId: z.number().int(), reason: z.string() }).nullable(),
  /** The key this server signs with; `npm run audit:verify -- FILE --key <publicKey>`. */
  keyId: z.string(),
  publicKey: z.string(),
  verifiedAt: z.string(),
});
export type AuditVerifyReport = z.infer<typeof auditVerifyReportSchema>;
