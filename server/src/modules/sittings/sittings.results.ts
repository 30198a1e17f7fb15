import { passingRuleSchema, type PassingRule } from '@exam/shared/api';
import { z } from 'zod';
import { programmeScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import * as repo from './sittings-results.repo.js';

/** Sitting statuses whose attempts may be graded; 'released' closes grading for good. */
const gradableStatuses = ['open', 'closed'];

export interface SittingForResults {
  id: string;
  /** The association that runs it: a caller may compare it with the asker's. */
  associationId: string;
  name: string;
  status: string;
  cutScore: number;
}

export interface EnrolmentForResults {
  enrolmentId: string;
  sittingId: string;
  candidateId: string;
  examEndorsement: string;
  category: string;
  track: string | null;
  /** The parts sat: both (also when absent), or one for a retake by part. */
  parts?: number[];
}

export type SittingResultsAccess = ReturnType<typeof createSittingResultsAccess>;

/**
 * What grading and results read from sittings, and the one change they make to one: marking it
 * released. The coordinator console owns every other status change.
 */
export function createSittingResultsAccess(deps: { db: Db }) {
  const { db } = deps;

  /** The reads and the release, limited to what `scope` reaches. */
  function scoped(scope: Scope) {
    return {
      listSittings(): Promise<SittingForResults[]> {
        return repo.listSittings(db, scope);
      },

      getSitting(tx: DbOrTx, id: string): Promise<SittingForResults | undefined> {
        return repo.findSitting(tx, scope, id);
      },

      enrolmentsOf(sittingId: string): Promise<EnrolmentForResults[]> {
        return repo.enrolmentsOf(db, scope, sittingId);
      },

      sittingOfEnrolment(enrolmentId: string): Promise<string | undefined> {
        return repo.sittingOfEnrolment(db, scope, enrolmentId);
      },

      /** The candidate's enrolments with their sittings' names and statuses. */
      enrolmentsOfCandidate(candidateId: string) {
        return repo.enrolmentsOfCandidate(db, scope, candidateId);
      },

      /** Enrolments in sittings still being delivered or graded: where closed attempts can wait. */
      gradableEnrolments(): Promise<EnrolmentForResults[]> {
        return repo.enrolmentsInStatuses(db, scope, gradableStatuses);
      },

      /**
       * The Part Two passing rules set on the console with the sitting's policies, per variant;
       * grading uses them until the results page saves rules of its own.
       */
      async partTwoPassingRules(
        tx: DbOrTx,
        sittingId: string,
      ): Promise<Record<string, PassingRule>> {
        const policies = await repo.policiesOf(tx, scope, sittingId);
        const parsed = z
          .record(z.string(), passingRuleSchema)
          .safeParse(policies?.partTwoPassingRule ?? {});
        return parsed.success ? parsed.data : {};
      },

      /**
       * Names of the sittings open now that use the form: a cut adopted meanwhile would split their
       * candidates. Every sitting using the form is share-locked to the end of the caller's
       * transaction, so none can open until the adoption has committed (it then reads the new cut).
       */
      async openSittingsUsing(tx: DbOrTx, formId: string): Promise<string[]> {
        const rows = await repo.sittingsUsingFormForShare(tx, scope, formId);
        return rows.filter((r) => r.status === 'open').map((r) => r.name);
      },

      /**
       * Marks the sitting released inside the caller's transaction: the state machine's last move,
       * from closed only (see sitting-status.ts). False if the sitting is not closed.
       */
      markReleased(tx: DbOrTx, sittingId: string, at: Date): Promise<boolean> {
        return repo.moveStatus(tx, scope, sittingId, 'closed', 'released', at);
      },

      /**
       * The sitting's status, read under a share lock held to the end of the caller's transaction:
       * a change made under it (a feedback edit) and the release (which updates the row) are
       * serialised, so neither lands unseen by the other.
       */
      lockedStatus(tx: DbOrTx, sittingId: string): Promise<string | undefined> {
        return repo.statusForShare(tx, scope, sittingId);
      },
    };
  }

  return {
    // Grading, standard setting and background work read across the programme.
    ...scoped(programmeScope),
    /**
     * Who among these people is enrolled in a sitting whose results are not released, with the
     * names of those sittings (newest first). Graders among them get no readings (they would
     * score their peers, or learn the levels, before their own result or a retake), and
     * panelists among them do not see the answer keys.
     */
    async awaitingResults(userIds: readonly string[]): Promise<Map<string, string[]>> {
      const waiting = new Map<string, string[]>();
      for (const row of await repo.sittingsAwaitingResults(db, userIds))
        waiting.set(row.candidateId, [...(waiting.get(row.candidateId) ?? []), row.sittingName]);
      return waiting;
    },
    /** The same, limited to one association (a coordinator's results pages). */
    inScope: scoped,
  };
}
