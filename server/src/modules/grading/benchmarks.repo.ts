import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { sittingInScope } from '../../db/scope-filters.js';
import { benchmarks } from '../../db/schema/grading-calibration.js';
import { gradingItems, rubrics } from '../../db/schema/grading.js';

export type BenchmarkRow = typeof benchmarks.$inferSelect;

export function listBenchmarks(db: DbOrTx) {
  return db
    .select({ benchmark: benchmarks, rubricVersion: rubrics.version })
    .from(benchmarks)
    .innerJoin(rubrics, eq(rubrics.id, benchmarks.rubricId))
    .orderBy(benchmarks.variant, desc(rubrics.version), benchmarks.title);
}

export async function findBenchmark(db: DbOrTx, id: string): Promise<BenchmarkRow | undefined> {
  const rows = await db.select().from(benchmarks).where(eq(benchmarks.id, id));
  return rows[0];
}

export function benchmarksByIds(db: DbOrTx, ids: readonly string[]): Promise<BenchmarkRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(benchmarks)
    .where(inArray(benchmarks.id, [...ids]));
}

/** The active benchmarks of one rubric version: what qualification sets and seeds draw from. */
export function activeBenchmarksOf(db: DbOrTx, rubricId: string): Promise<BenchmarkRow[]> {
  return db
    .select()
    .from(benchmarks)
    .where(and(eq(benchmarks.rubricId, rubricId), eq(benchmarks.active, true)));
}

export async function insertBenchmark(
  tx: DbOrTx,
  row: typeof benchmarks.$inferInsert,
): Promise<BenchmarkRow> {
  const [inserted] = await tx.insert(benchmarks).values(row).returning();
  if (!inserted) throw new Error('benchmark was not inserted');
  return inserted;
}

export async function updateBenchmark(
  tx: DbOrTx,
  id: string,
  values: Pick<BenchmarkRow, 'title' | 'agreed' | 'active' | 'updatedAt'>,
): Promise<void> {
  await tx.update(benchmarks).set(values).where(eq(benchmarks.id, id));
}

/** Finally scored responses in the actor's reach, newest first: candidates for benchmarks. */
export function finalItems(db: DbOrTx, scope: Scope, variant?: string) {
  return db
    .select({ item: gradingItems, rubricVersion: rubrics.version })
    .from(gradingItems)
    .innerJoin(rubrics, eq(rubrics.id, gradingItems.rubricId))
    .where(
      and(
        eq(gradingItems.status, 'final'),
        sittingInScope(scope, gradingItems.sittingId),
        variant ? eq(gradingItems.variant, variant) : undefined,
      ),
    )
    .orderBy(desc(gradingItems.finalizedAt))
    .limit(100);
}
