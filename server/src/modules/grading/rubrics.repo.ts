import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rubrics } from '../../db/schema/grading.js';

export type RubricRow = typeof rubrics.$inferSelect;

export function listRubrics(db: DbOrTx): Promise<RubricRow[]> {
  return db.select().from(rubrics).orderBy(asc(rubrics.variant), desc(rubrics.version));
}

export async function findRubric(db: DbOrTx, id: string): Promise<RubricRow | undefined> {
  const rows = await db.select().from(rubrics).where(eq(rubrics.id, id));
  return rows[0];
}

/** The newest version of a variant's rubric: the one new responses are scored with. */
export async function latestRubric(db: DbOrTx, variant: string): Promise<RubricRow | undefined> {
  const rows = await db
    .select()
    .from(rubrics)
    .where(eq(rubrics.variant, variant))
    .orderBy(desc(rubrics.version))
    .limit(1);
  return rows[0];
}

export async function insertRubric(
  tx: DbOrTx,
  rubric: Omit<typeof rubrics.$inferInsert, 'version'>,
): Promise<RubricRow> {
  // Serialise version numbering per variant; the unique constraint backs it up.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`rubric:${rubric.variant}`}))`);
  const latest = await latestRubric(tx, rubric.variant);
  const [row] = await tx
    .insert(rubrics)
    .values({ ...rubric, version: (latest?.version ?? 0) + 1 })
    .returning();
  if (!row) throw new Error('rubric was not inserted');
  return row;
}

/** Changes a version only while no score has been saved against it; undefined when locked. */
export async function updateUnlockedRubric(
  tx: DbOrTx,
  id: string,
  content: Pick<RubricRow, 'title' | 'criteria' | 'passingRule'>,
): Promise<RubricRow | undefined> {
  const [row] = await tx
    .update(rubrics)
    .set(content)
    .where(and(eq(rubrics.id, id), isNull(rubrics.scoringStartedAt)))
    .returning();
  return row;
}

/**
 * Locks a version against change once a response on it is given to a reader (or, for a version
 * locked before that rule, once a score is saved with it): what a grader may be reading is fixed.
 */
export async function markScoringStarted(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx
    .update(rubrics)
    .set({ scoringStartedAt: at })
    .where(and(eq(rubrics.id, id), isNull(rubrics.scoringStartedAt)));
}
