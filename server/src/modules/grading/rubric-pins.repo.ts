import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { gradingAssignments, gradingItems } from '../../db/schema/grading.js';

/**
 * Which rubric version each response is scored with. A response is pinned to its version once
 * its first reading is given out; until then a newer version of its variant takes it over.
 */

/** No reading of the response exists: nobody has been given it (or every reading was taken back). */
const unclaimed = sql`NOT EXISTS (SELECT 1 FROM grading_assignments a
                                  WHERE a.item_id = ${gradingItems.id})`;

/**
 * Moves the variant's responses nobody has been given onto `rubricId`; returns their codes.
 * Routing gives out a reading under the response's row lock, so the responses are locked first
 * and asked again in a second statement: its fresh snapshot sees a reading given out while this
 * waited, which the locking statement's own snapshot (and so a single UPDATE) would not.
 */
export async function repinUnclaimed(
  tx: DbOrTx,
  variant: string,
  rubricId: string,
): Promise<string[]> {
  const candidates = await tx
    .select({ id: gradingItems.id })
    .from(gradingItems)
    .where(
      and(
        eq(gradingItems.variant, variant),
        eq(gradingItems.status, 'reading'),
        ne(gradingItems.rubricId, rubricId),
        unclaimed,
      ),
    )
    .for('update');
  if (candidates.length === 0) return [];
  const moved = await tx
    .update(gradingItems)
    .set({ rubricId })
    .where(
      and(
        inArray(
          gradingItems.id,
          candidates.map((c) => c.id),
        ),
        unclaimed,
      ),
    )
    .returning({ code: gradingItems.code });
  return moved.map((row) => row.code).sort();
}

/**
 * The variant's responses still being scored on a version other than `rubricId` (not final, or
 * with an appeal's review reading open), and how many of their readings are still open: what a
 * coordinator saving a new version is told stays behind.
 */
export async function heldOnOtherVersions(
  tx: DbOrTx,
  variant: string,
  rubricId: string,
): Promise<{ responses: number; openReadings: number }> {
  const [row] = await tx
    .select({
      responses: sql<number>`count(DISTINCT ${gradingItems.id})::int`,
      openReadings: sql<number>`(count(${gradingAssignments.id})
        FILTER (WHERE ${gradingAssignments.status} <> 'submitted'))::int`,
    })
    .from(gradingItems)
    .leftJoin(gradingAssignments, eq(gradingAssignments.itemId, gradingItems.id))
    .where(
      and(
        eq(gradingItems.variant, variant),
        ne(gradingItems.rubricId, rubricId),
        sql`(${gradingItems.status} <> 'final' OR EXISTS (SELECT 1 FROM grading_assignments o
               WHERE o.item_id = ${gradingItems.id} AND o.status <> 'submitted'))`,
      ),
    );
  return { responses: row?.responses ?? 0, openReadings: row?.openReadings ?? 0 };
}
