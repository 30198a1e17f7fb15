import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { studyPointers } from '../../db/schema/results.js';

export type StudyPointerRow = typeof studyPointers.$inferSelect;

/** Every domain's pointer; domains missing a row are the caller's concern. */
export async function listPointers(db: DbOrTx): Promise<StudyPointerRow[]> {
  return db.select().from(studyPointers).orderBy(asc(studyPointers.domain));
}

/** One domain's pointer, locked for the edit that follows in the same transaction. */
export async function pointerForUpdate(
  tx: DbOrTx,
  domain: string,
): Promise<StudyPointerRow | undefined> {
  const rows = await tx
    .select()
    .from(studyPointers)
    .where(eq(studyPointers.domain, domain))
    .for('update');
  return rows[0];
}

/** Inserts or replaces one domain's pointer (a domain added after the first content ships). */
export async function savePointer(
  tx: DbOrTx,
  row: Omit<StudyPointerRow, 'updatedBy'> & { updatedBy: string | null },
): Promise<StudyPointerRow> {
  const [saved] = await tx
    .insert(studyPointers)
    .values(row)
    .onConflictDoUpdate({
      target: studyPointers.domain,
      set: {
        summary: row.summary,
        readAbout: row.readAbout,
        practise: row.practise,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      },
    })
    .returning();
  return saved!;
}
