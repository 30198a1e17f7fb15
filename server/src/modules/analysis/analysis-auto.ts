import type { EventEmitter } from 'node:events';
import type { Db } from '../../db/client.js';
import type { AttemptChange, DeliveryAnalysis } from '../delivery/index.js';
import { insertRun, lastRunTimes } from './analysis-runs.repo.js';
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
 */
export function createAutoAnalysis(deps: {
  db: Db;
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
        const result = await deps.analysis.analyse(programmeScope, scope.formId, scope.sittingId);
        await insertRun(deps.db, { ...scope, computedAt: new Date(result.computedAt), result });
      } catch (error) {
        deps.log('automatic item analysis failed', {
          ...scope,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
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
   * Marks due every form and sitting whose last Part One closed after its last run: a close the
   * worker never reached (the instance stopped or crashed first) is analysed at the next start.
   */
  async function catchUp(): Promise<void> {
    const [scopes, runs] = await Promise.all([deps.delivery.scopes(), lastRunTimes(deps.db)]);
    for (const { formId, sittingId, lastClosedAt } of scopes) {
      const key = `${formId}/${sittingId}`;
      const ran = runs.get(key);
      if (lastClosedAt && (!ran || ran < new Date(lastClosedAt)))
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
