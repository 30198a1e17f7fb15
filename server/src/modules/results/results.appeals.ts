import { and, eq } from 'drizzle-orm';
import type { ReleasedResult } from '@exam/shared/api';
import { programmeScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { examResults } from '../../db/schema/results.js';
import type { StoredFinal } from '../grading/index.js';
import { commentOfWith } from './feedback.compute.js';
import * as feedbackRepo from './feedback.repo.js';
import { candidateOutcomes, releasedResultOf } from './results.compute.js';
import type { SittingData } from './results.data.js';
import * as resultsRepo from './results.repo.js';

type Stored = Omit<ReleasedResult, 'studyPointers'>;

/** A released result as an appeal reads it. */
export interface ReleasedForAppeal {
  attemptId: string;
  sittingId: string;
  candidateId: string;
  releasedAt: Date;
  result: Stored;
}

export type ResultsAppeals = ReturnType<typeof createResultsAppeals>;

/**
 * Results as the appeals module sees them: a candidate's released results, and a released
 * result computed again with the very rules of release (results.compute, the coordinator's
 * approved feedback) after an appeal changed what it rests on.
 */
export function createResultsAppeals(deps: {
  db: Db;
  load: (scope: Scope, sittingId: string) => Promise<SittingData>;
}) {
  const { db } = deps;
  const columns = {
    attemptId: examResults.attemptId,
    sittingId: examResults.sittingId,
    candidateId: examResults.candidateId,
    releasedAt: examResults.releasedAt,
    result: examResults.result,
  };
  const present = (row: {
    attemptId: string;
    sittingId: string;
    candidateId: string;
    releasedAt: Date;
    result: Record<string, unknown>;
  }): ReleasedForAppeal => ({ ...row, result: row.result as unknown as Stored });

  return {
    /** The candidate's own released results (whichever association enrolled them). */
    async ofCandidate(candidateId: string): Promise<ReleasedForAppeal[]> {
      const rows = await db
        .select(columns)
        .from(examResults)
        .where(eq(examResults.candidateId, candidateId));
      return rows.map(present);
    },

    async ofAttempt(tx: DbOrTx, attemptId: string): Promise<ReleasedForAppeal | undefined> {
      const rows = await tx
        .select(columns)
        .from(examResults)
        .where(and(eq(examResults.attemptId, attemptId)));
      return rows[0] ? present(rows[0]) : undefined;
    },

    /**
     * The attempt's released result computed again now, with `finals` standing in for the
     * named responses' final scores (an appeal's review), Part One as now stored, and the
     * release date kept: what the candidate would read had release happened with these.
     */
    async recompute(
      scope: Scope,
      sittingId: string,
      attemptId: string,
      finals: ReadonlyMap<string, StoredFinal>,
      releasedAt: Date,
    ): Promise<Stored> {
      const data = await deps.load(scope, sittingId);
      const patched: SittingData = {
        ...data,
        items: data.items.map((entry) => {
          const final = finals.get(entry.item.id);
          return final ? { ...entry, item: { ...entry.item, final, status: 'final' } } : entry;
        }),
      };
      const outcome = candidateOutcomes(patched).find((o) => o.attempt?.attemptId === attemptId);
      if (!outcome) throw new Error(`attempt ${attemptId} is not in sitting ${sittingId}`);
      const edits = await feedbackRepo.editsOf(db, scope, sittingId);
      return releasedResultOf(outcome, data.sitting.name, releasedAt, commentOfWith(edits));
    },

    /** Replaces a released result (in the caller's transaction); the appeal keeps the old one. */
    async replace(tx: DbOrTx, attemptId: string, next: Stored): Promise<void> {
      await resultsRepo.updateResult(tx, programmeScope, attemptId, {
        passed: next.passed,
        result: next as unknown as Record<string, unknown>,
      });
    },
  };
}
