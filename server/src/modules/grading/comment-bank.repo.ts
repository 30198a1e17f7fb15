import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { gradingCommentBank } from '../../db/schema/grading-comment-bank.js';

export type BankCommentRow = typeof gradingCommentBank.$inferSelect;

const order = [
  asc(gradingCommentBank.domain),
  asc(gradingCommentBank.level),
  asc(gradingCommentBank.createdAt),
] as const;

/** Every comment (curators), or only the active ones (what graders are offered). */
export function listComments(db: DbOrTx, onlyActive: boolean): Promise<BankCommentRow[]> {
  const query = db.select().from(gradingCommentBank);
  return (onlyActive ? query.where(eq(gradingCommentBank.active, true)) : query).orderBy(...order);
}

export async function insertComment(
  tx: DbOrTx,
  row: typeof gradingCommentBank.$inferInsert,
): Promise<BankCommentRow> {
  const [saved] = await tx.insert(gradingCommentBank).values(row).returning();
  return saved!;
}

/** Locks the comment for an update, so two curators' edits serialise. */
export async function lockComment(tx: DbOrTx, id: string): Promise<BankCommentRow | undefined> {
  const rows = await tx
    .select()
    .from(gradingCommentBank)
    .where(eq(gradingCommentBank.id, id))
    .for('update');
  return rows[0];
}

export async function updateComment(
  tx: DbOrTx,
  id: string,
  set: Pick<BankCommentRow, 'text' | 'active' | 'updatedAt' | 'updatedBy'>,
): Promise<BankCommentRow> {
  const [saved] = await tx
    .update(gradingCommentBank)
    .set(set)
    .where(eq(gradingCommentBank.id, id))
    .returning();
  return saved!;
}
