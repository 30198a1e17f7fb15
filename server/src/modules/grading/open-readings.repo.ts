import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { gradingAssignments, gradingItems } from '../../db/schema/grading.js';

const openReading = {
  id: gradingAssignments.id,
  graderId: gradingAssignments.graderId,
  role: gradingAssignments.role,
  status: gradingAssignments.status,
  itemId: gradingItems.id,
  code: gradingItems.code,
  sittingId: gradingItems.sittingId,
  variant: gradingItems.variant,
};

/** Readings not yet submitted, on items not yet final, locked for the caller's transaction. */
export async function openReadings(tx: DbOrTx) {
  return tx
    .select(openReading)
    .from(gradingAssignments)
    .innerJoin(gradingItems, eq(gradingItems.id, gradingAssignments.itemId))
    .where(
      and(sql`${gradingAssignments.status} <> 'submitted'`, sql`${gradingItems.status} <> 'final'`),
    )
    .for('update', { of: gradingAssignments });
}

/**
 * Every reading a grader still holds unsubmitted, an appeal's review (on a final item) included;
 * read without locks, so the routing sweep can look at them all without holding up graders.
 */
export function heldReadings(db: DbOrTx) {
  return db
    .select(openReading)
    .from(gradingAssignments)
    .innerJoin(gradingItems, eq(gradingItems.id, gradingAssignments.itemId))
    .where(
      sql`${gradingAssignments.status} <> 'submitted'
          AND (${gradingItems.status} <> 'final' OR ${gradingAssignments.role} = 'review')`,
    );
}

/** Deletes a reading if it is still unsubmitted; false when it was submitted or gone since. */
export async function deleteUnsubmitted(tx: DbOrTx, id: string): Promise<boolean> {
  const rows = await tx
    .delete(gradingAssignments)
    .where(and(eq(gradingAssignments.id, id), sql`${gradingAssignments.status} <> 'submitted'`))
    .returning({ id: gradingAssignments.id });
  return rows.length > 0;
}

export type OpenReading = Awaited<ReturnType<typeof heldReadings>>[number];
