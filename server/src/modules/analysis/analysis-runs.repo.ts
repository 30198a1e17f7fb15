import { and, desc, eq, max } from 'drizzle-orm';
import type { ItemAnalysisResponse } from '@exam/shared/api';
import type { DbOrTx } from '../../db/client.js';
import { analysisRuns } from '../../db/schema/analysis.js';

/** Stores one automatic run's figures. */
export async function insertRun(
  db: DbOrTx,
  run: { formId: string; sittingId: string; computedAt: Date; result: ItemAnalysisResponse },
): Promise<void> {
  await db.insert(analysisRuns).values({
    formId: run.formId,
    sittingId: run.sittingId,
    computedAt: run.computedAt,
    trigger: 'part_one_closed',
    candidates: run.result.test.candidates,
    alpha: run.result.test.alpha,
    flaggedItems: run.result.items.filter((i) => i.flags.length > 0).length,
    result: run.result,
  });
}

/** The newest automatic run of a form in a sitting, without its full result. */
export async function latestRun(db: DbOrTx, formId: string, sittingId: string) {
  const [row] = await db
    .select({
      computedAt: analysisRuns.computedAt,
      candidates: analysisRuns.candidates,
      flaggedItems: analysisRuns.flaggedItems,
    })
    .from(analysisRuns)
    .where(and(eq(analysisRuns.formId, formId), eq(analysisRuns.sittingId, sittingId)))
    .orderBy(desc(analysisRuns.computedAt))
    .limit(1);
  return row;
}

/** When each form and sitting last had an automatic run, keyed `formId/sittingId`. */
export async function lastRunTimes(db: DbOrTx): Promise<Map<string, Date>> {
  const rows = await db
    .select({
      formId: analysisRuns.formId,
      sittingId: analysisRuns.sittingId,
      at: max(analysisRuns.computedAt),
    })
    .from(analysisRuns)
    .groupBy(analysisRuns.formId, analysisRuns.sittingId);
  return new Map(rows.flatMap((r) => (r.at ? [[`${r.formId}/${r.sittingId}`, r.at]] : [])));
}
