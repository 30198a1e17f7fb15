import { and, asc, eq, sql } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { sittingInScope } from '../../db/scope-filters.js';
import { feedbackApprovals, feedbackEdits } from '../../db/schema/feedback.js';
import type { ApprovalRow, EditRow } from './feedback.compute.js';

export function editsOf(db: DbOrTx, scope: Scope, sittingId: string): Promise<EditRow[]> {
  return db
    .select()
    .from(feedbackEdits)
    .where(
      and(eq(feedbackEdits.sittingId, sittingId), sittingInScope(scope, feedbackEdits.sittingId)),
    )
    .orderBy(asc(feedbackEdits.id));
}

/** One edit per comment: a second edit of the same comment replaces the first. */
export async function saveEdit(tx: DbOrTx, row: typeof feedbackEdits.$inferInsert) {
  await tx
    .insert(feedbackEdits)
    .values(row)
    .onConflictDoUpdate({
      target: [feedbackEdits.assignmentId, feedbackEdits.criterionId],
      set: {
        original: row.original,
        text: row.text,
        editedBy: row.editedBy,
        editedAt: row.editedAt,
      },
    });
}

/** Back to the grader's own text. */
export async function deleteEdit(tx: DbOrTx, assignmentId: string, criterionId: string) {
  await tx
    .delete(feedbackEdits)
    .where(
      and(eq(feedbackEdits.assignmentId, assignmentId), eq(feedbackEdits.criterionId, criterionId)),
    );
}

export function approvalsOf(db: DbOrTx, scope: Scope, sittingId: string): Promise<ApprovalRow[]> {
  return db
    .select()
    .from(feedbackApprovals)
    .where(
      and(
        eq(feedbackApprovals.sittingId, sittingId),
        sittingInScope(scope, feedbackApprovals.sittingId),
      ),
    );
}

export async function saveApprovals(tx: DbOrTx, rows: (typeof feedbackApprovals.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx
    .insert(feedbackApprovals)
    .values(rows)
    .onConflictDoUpdate({
      target: feedbackApprovals.attemptId,
      set: {
        fingerprint: sql`excluded.fingerprint`,
        approvedBy: sql`excluded.approved_by`,
        approvedAt: sql`excluded.approved_at`,
      },
    });
}
