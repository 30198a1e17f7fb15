import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { gradingAnnotations } from '../../db/schema/grading-annotations.js';

export type AnnotationRow = typeof gradingAnnotations.$inferSelect;

/** Annotations of these readings, in passage order. */
export function annotationsOf(
  db: DbOrTx,
  assignmentIds: readonly string[],
): Promise<AnnotationRow[]> {
  if (assignmentIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(gradingAnnotations)
    .where(inArray(gradingAnnotations.assignmentId, [...assignmentIds]))
    .orderBy(asc(gradingAnnotations.start), asc(gradingAnnotations.createdAt));
}

export async function insertAnnotation(
  tx: DbOrTx,
  row: typeof gradingAnnotations.$inferInsert,
): Promise<AnnotationRow> {
  const [saved] = await tx.insert(gradingAnnotations).values(row).returning();
  if (!saved) throw new Error('annotation insert returned nothing');
  return saved;
}

/** Deletes one of a reading's annotations; false when the reading has no such annotation. */
export async function deleteAnnotation(
  tx: DbOrTx,
  assignmentId: string,
  id: string,
): Promise<boolean> {
  const rows = await tx
    .delete(gradingAnnotations)
    .where(and(eq(gradingAnnotations.id, id), eq(gradingAnnotations.assignmentId, assignmentId)))
    .returning({ id: gradingAnnotations.id });
  return rows.length > 0;
}

export async function setIncluded(
  tx: DbOrTx,
  assignmentIds: readonly string[],
  id: string,
  include: boolean,
): Promise<boolean> {
  if (assignmentIds.length === 0) return false;
  const rows = await tx
    .update(gradingAnnotations)
    .set({ includeInFeedback: include })
    .where(
      and(
        eq(gradingAnnotations.id, id),
        inArray(gradingAnnotations.assignmentId, [...assignmentIds]),
      ),
    )
    .returning({ id: gradingAnnotations.id });
  return rows.length > 0;
}
