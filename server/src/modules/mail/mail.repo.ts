import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { associationIdOf, type Scope } from '../../db/association-scope.js';
import { mailMessages, type MailStatus } from '../../db/schema/mail.js';

export type MailRow = typeof mailMessages.$inferSelect;
export type NewMailRow = typeof mailMessages.$inferInsert;

/** Inserts unless the dedupe key is taken; returns the new id or the existing one. */
export async function insertMessage(
  db: DbOrTx,
  row: NewMailRow,
): Promise<{ id: string; duplicate: boolean }> {
  const inserted = await db
    .insert(mailMessages)
    .values(row)
    .onConflictDoNothing({ target: mailMessages.dedupeKey })
    .returning({ id: mailMessages.id });
  if (inserted[0]) return { id: inserted[0].id, duplicate: false };
  const [existing] = await db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(eq(mailMessages.dedupeKey, row.dedupeKey ?? ''));
  return { id: existing?.id ?? '', duplicate: true };
}

/**
 * Claims up to `limit` due messages for sending, in one committed statement: status `sending`,
 * claimed_at now, attempts + 1. SKIP LOCKED lets several workers claim side by side without
 * ever taking the same row; the claim commits before anything is sent.
 */
export async function claimDue(db: DbOrTx, now: Date, limit: number): Promise<MailRow[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE mail_messages SET status = 'sending', claimed_at = ${now.toISOString()}::timestamptz,
          attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM mail_messages
          WHERE status = 'queued' AND next_attempt_at <= ${now.toISOString()}::timestamptz
          ORDER BY next_attempt_at, created_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const claimed = await db.select().from(mailMessages).where(inArray(mailMessages.id, ids));
  return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

/** Moves a row on only from the status this worker left it in (`sending` by its own claim). */
function fromSending(id: string, claimedAt: Date | null): SQL | undefined {
  return and(
    eq(mailMessages.id, id),
    eq(mailMessages.status, 'sending'),
    claimedAt ? eq(mailMessages.claimedAt, claimedAt) : undefined,
  );
}

export async function markSent(
  db: DbOrTx,
  row: Pick<MailRow, 'id' | 'claimedAt'>,
  at: Date,
  transport: string,
): Promise<void> {
  await db
    .update(mailMessages)
    .set({ status: 'sent', sentAt: at, transport, lastError: null })
    .where(fromSending(row.id, row.claimedAt));
}

export async function markRetry(
  db: DbOrTx,
  row: Pick<MailRow, 'id' | 'claimedAt'>,
  error: string,
  nextAttemptAt: Date,
): Promise<void> {
  await db
    .update(mailMessages)
    .set({ status: 'queued', lastError: error, nextAttemptAt, claimedAt: null })
    .where(fromSending(row.id, row.claimedAt));
}

export async function markFailed(
  db: DbOrTx,
  row: Pick<MailRow, 'id' | 'claimedAt'>,
  error: string,
): Promise<void> {
  await db
    .update(mailMessages)
    .set({ status: 'failed', lastError: error })
    .where(fromSending(row.id, row.claimedAt));
}

/**
 * Rows still `sending` after the lease: the worker that claimed them died between its claim
 * and its mark, perhaps after the SMTP server accepted. They are not sent again on a guess;
 * an administrator decides (resend or mark sent).
 */
export async function markStaleUncertain(db: DbOrTx, claimedBefore: Date): Promise<string[]> {
  const rows = await db
    .update(mailMessages)
    .set({
      status: 'uncertain',
      lastError:
        'The sender stopped between handing the message to the mail server and recording the answer; it may or may not have been delivered.',
    })
    .where(
      and(eq(mailMessages.status, 'sending'), sql`${mailMessages.claimedAt} < ${claimedBefore}`),
    )
    .returning({ id: mailMessages.id });
  return rows.map((r) => r.id);
}

function inScope(scope: Scope): SQL | undefined {
  const associationId = associationIdOf(scope);
  return associationId ? eq(mailMessages.associationId, associationId) : undefined;
}

export async function listMessages(
  db: DbOrTx,
  scope: Scope,
  filter: { status?: MailStatus; limit: number },
): Promise<MailRow[]> {
  return db
    .select()
    .from(mailMessages)
    .where(and(inScope(scope), filter.status ? eq(mailMessages.status, filter.status) : undefined))
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(filter.limit);
}

export async function countByStatus(
  db: DbOrTx,
  scope: Scope,
): Promise<Array<{ status: MailStatus; count: number }>> {
  return db
    .select({ status: mailMessages.status, count: sql<number>`count(*)::int` })
    .from(mailMessages)
    .where(inScope(scope))
    .groupBy(mailMessages.status);
}

export async function findMessage(db: DbOrTx, scope: Scope, id: string): Promise<MailRow | null> {
  const [row] = await db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.id, id), inScope(scope)))
    .for('update');
  return row ?? null;
}

/** An administrator's decision on an uncertain or failed message. */
export async function resolveMessage(
  db: DbOrTx,
  id: string,
  decision: { status: 'queued'; now: Date } | { status: 'sent'; now: Date },
): Promise<void> {
  await db
    .update(mailMessages)
    .set(
      decision.status === 'queued'
        ? { status: 'queued', nextAttemptAt: decision.now, claimedAt: null, attempts: 0 }
        : { status: 'sent', sentAt: decision.now, transport: 'marked' },
    )
    .where(eq(mailMessages.id, id));
}
