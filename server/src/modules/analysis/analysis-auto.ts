import type { EventEmitter } from 'node:events';
import type { Database } from '../../db/client.js';
import type { AttemptChange, DeliveryAnalysis } from '../delivery/index.js';
import { insertRun, lastRunCounts, latestRun, withRunLock } from './analysis-runs.repo.js';
import type { AnalysisService } from './analysis.service.js';
import { programmeScope } from '../../db/association-scope.js';

/** Delivery's stream of part changes (delivery.service's `changes`). */
export type AutoAnalysis = ReturnType<typeof createAutoAnalysis>;

export type AttemptChanges = EventEmitter<{ change: [attemptId: string, change: AttemptChange] }>;

/**
 * Item analysis after each Part One closes, stored as a snapshot (analysis_runs). It never runs
 * on the closing request's path: a close only marks its form and sitting as due (a burst of
 * closes at the end of a sitting marks it once), and one worker computes the due scopes one at a
 * time, each from the answers stored when it starts, so the last run follows the last close.
 *
 * With several instances, a close is heard only by the instance that made it (the others hear
 * the attempt's id, to reread it for its screen), so that instance marks it due; and each
 * instance catches up at its start, since an instance that stopped before its worker ran may
 * not come back. A scope can so be due on two instances at once: each run takes the scope's
 * lock (withRunLock) and is skipped when the newest run, stored by whichever instance held the
 * lock before, already read every close there is now. Runs of a scope are thus one at a time
 * across the deployment, one per new close at most, and the last follows the last close.
 */
export function createAutoAnalysis(deps: {
  database: Pick<Database, 'kind' | 'db'>;
  analysis: Pick<AnalysisService, 'analyse'>;
  delivery: Pick<DeliveryAnalysis, 'scopeOfAttempt' | 'scopes'>;
  changes: AttemptChanges;
  log: (message: string, details: Record<string, unknown>) => void;
}) {
  const due = new Map<string, { formId: string; sittingId: string }>();
  let worker: Promise<void> | undefined;

  async function runDue(): Promise<void> {
    // Yield first: the close that triggered this finishes its own work before any analysis.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const [key, scope] of due) {
      due.delete(key);
      try {
        await runOnce(scope);
      } catch (error) {
        deps.log('automatic item analysis failed', {
          ...scope,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  /** Analyses and stores the scope, unless its newest run (from any instance) is up to date. */
  async function runOnce(scope: { formId: string; sittingId: string }): Promise<void> {
    await withRunLock(deps.database, scope, async (db) => {
      const [scopes, newest] = await Promise.all([
        deps.delivery.scopes(scope.formId),
        latestRun(db, scope.formId, scope.sittingId),
      ]);
      const closed = scopes.find((s) => s.sittingId === scope.sittingId)?.closedAttempts ?? 0;
      if (newest && newest.candidates === closed) return;
      const result = await deps.analysis.analyse(programmeScope, scope.formId, scope.sittingId);
      await insertRun(db, { ...scope, computedAt: new Date(result.computedAt), result });
    });
  }

  function kick(): void {
    worker ??= runDue().finally(() => {
      worker = undefined;
      if (due.size > 0) kick();
    });
  }

  async function markDue(attemptId: string): Promise<void> {
    try {
      const scope = await deps.delivery.scopeOfAttempt(attemptId);
      if (!scope) return;
      due.set(`${scope.formId}/${scope.sittingId}`, scope);
      kick();
    } catch (error) {
      deps.log('automatic item analysis: attempt not found', {
        attemptId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  const pendingMarks = new Set<Promise<void>>();
  const onChange = (attemptId: string, change: AttemptChange) => {
    if (change.kind !== 'closed' || change.part !== 1) return;
    const mark = markDue(attemptId).finally(() => pendingMarks.delete(mark));
    pendingMarks.add(mark);
  };

  /**
   * Marks due every form and sitting with more closed Part Ones than its newest run read: a close
   * the worker never reached (its instance stopped or crashed first) is analysed at the next
   * start of any instance.
   */
  async function catchUp(): Promise<void> {
    const [scopes, runs] = await Promise.all([
      deps.delivery.scopes(),
      lastRunCounts(deps.database.db),
    ]);
    for (const { formId, sittingId, closedAttempts } of scopes) {
      const key = `${formId}/${sittingId}`;
      if (closedAttempts > 0 && runs.get(key) !== closedAttempts)
        due.set(key, { formId, sittingId });
    }
    if (due.size > 0) kick();
  }

  return {
    /** Listens for closes, and catches up with those missed while no instance listened. */
    async start(): Promise<void> {
      deps.changes.on('change', onChange);
      await catchUp().catch((error: unknown) =>
        deps.log('automatic item analysis: catching up failed', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    },
    stop(): void {
      deps.changes.off('change', onChange);
    },
    /** Resolves once every close seen so far has been analysed and stored (tests, shutdown). */
    async idle(): Promise<void> {
      while (pendingMarks.size > 0 || worker) {
        await Promise.all([...pendingMarks]);
        await worker;
      }
    },
  };
}
