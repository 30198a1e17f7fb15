import { and, desc, eq, sql } from 'drizzle-orm';
import type { ItemAnalysisResponse } from '@exam/shared/api';
import type { Database, Db, DbOrTx } from '../../db/client.js';
import { analysisRuns } from '../../db/schema/analysis.js';

/*
 * A run's `candidates` is also its inputs' watermark: the number of closed Part Ones of its form
 * and sitting it read. Parts never reopen, so that number only grows with each close; a scope
 * whose newest run counted as many as are closed now has nothing new to analyse.
 */

// Serialises automatic runs per form and sitting across every instance on the database.
const ANALYSIS_RUN_LOCK = 7_301_120;

/** On the embedded database every instance is this one process: the lock is kept here. */
const embeddedLocks = new WeakMap<Db, Map<string, Promise<unknown>>>();

/**
 * Runs `work` holding the scope's run lock, so no other instance computes or stores a run of
 * the same form and sitting meanwhile: the one that waited then sees the run this one stored.
 * On PostgreSQL the lock is transaction-scoped and `work` gets the transaction (it stores the
 * run in it, so the run is visible the moment the lock is free); its analysis reads go through
 * the pool. The embedded database has one connection, which a transaction held over those reads
 * would deadlock, so there the lock is a queue per scope in memory and `work` gets the handle.
 */
export async function withRunLock<T>(
  database: Pick<Database, 'kind' | 'db'>,
  scope: { formId: string; sittingId: string },
  work: (db: DbOrTx) => Promise<T>,
): Promise<T> {
  const key = `${scope.formId}/${scope.sittingId}`;
  if (database.kind === 'postgres') {
    return database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${ANALYSIS_RUN_LOCK}, hashtext(${key}))`);
      return work(tx);
    });
  }
  const queues = embeddedLocks.get(database.db) ?? new Map<string, Promise<unknown>>();
  embeddedLocks.set(database.db, queues);
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => work(database.db));
  queues.set(key, current);
  try {
    return await current;
  } finally {
    if (queues.get(key) === current) queues.delete(key);
  }
}

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
    // Of runs computed at one instant (a clock held still in tests), the one that read more.
    .orderBy(desc(analysisRuns.computedAt), desc(analysisRuns.candidates))
    .limit(1);
  return row;
}

/** How many closed Part Ones each form and sitting's newest run read, keyed `formId/sittingId`. */
export async function lastRunCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .selectDistinctOn([analysisRuns.formId, analysisRuns.sittingId], {
      formId: analysisRuns.formId,
      sittingId: analysisRuns.sittingId,
      candidates: analysisRuns.candidates,
    })
    .from(analysisRuns)
    .orderBy(
      analysisRuns.formId,
      analysisRuns.sittingId,
      desc(analysisRuns.computedAt),
      desc(analysisRuns.candidates),
    );
  return new Map(rows.map((r) => [`${r.formId}/${r.sittingId}`, r.candidates]));
}
