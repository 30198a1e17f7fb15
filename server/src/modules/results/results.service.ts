import {
  releasedResultSchema,
  type CandidateResult,
  type CurrentUser,
  type GradingRules,
  type MyResultsResponse,
  type ReleasedResult,
  type ReleaseResponse,
  type ResultsSittingListResponse,
  type SittingReviewResponse,
} from '@exam/shared/api';
import { programmeScope, withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { idsWithinScope, isWithinScope } from '../../db/scope-filters.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { AttemptForResults, DeliveryResults } from '../delivery/index.js';
import type { GradingResults } from '../grading/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { toSafeCsv } from '../../lib/csv.js';
import {
  candidateOutcomes,
  heldLateChangesBlocker,
  releaseBlockers,
  releasedResultOf,
  weakDomains,
} from './results.compute.js';
import type { SittingData } from './results.data.js';
import { agreementFigures, partOneDistribution, partTwoDistribution } from './results.figures.js';
import * as resultsRepo from './results.repo.js';
import { resultsCsv, scoresCsv } from './results.exports.js';
import type { FeedbackService } from './feedback.service.js';
import type { StudyPointersService } from './study-pointers.service.js';
import type { MailOutbox } from '../mail/index.js';

export type ResultsService = ReturnType<typeof createResultsService>;

/**
 * Results: the coordinator's review (where identity is joined back to scores, so every look is
 * audited), release, exports, and the candidate's own results.
 */
export function createResultsService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  load: (scope: Scope, sittingId: string) => Promise<SittingData>;
  delivery: Pick<DeliveryResults, 'attemptsOf'>;
  sittings: Pick<
    SittingResultsAccess,
    'listSittings' | 'enrolmentsOfCandidate' | 'markReleased' | 'getSitting'
  >;
  feedback: Pick<FeedbackService, 'forRelease' | 'assertUnchanged'>;
  pointers: Pick<StudyPointersService, 'forDomains'>;
  grading: Pick<GradingResults, 'progressBySitting' | 'saveRules'>;
  /** The candidates' "results released" mail, queued in the release transaction. */
  outbox?: Pick<MailOutbox, 'enqueue'>;
  publicOrigin?: string;
}) {
  const { db } = deps;

  /** Study pointers for the weak domains of a released result, added (as they now read) whenever it is read. */
  async function withPointers(
    result: Omit<ReleasedResult, 'studyPointers'>,
  ): Promise<ReleasedResult> {
    return releasedResultSchema.parse({
      ...result,
      studyPointers: await deps.pointers.forDomains(weakDomains(result)),
    });
  }

  function audited(actor: CurrentUser, action: string, sittingId: string, details = {}) {
    return deps.db.transaction((tx) =>
      deps.audit.append(tx, {
        actorId: actor.id,
        action,
        subjectType: 'sitting',
        subjectId: sittingId,
        details,
      }),
    );
  }

  /**
   * Release computes from attempts read before its transaction. A late change decided meanwhile
   * (decide holds the sitting's share lock, so it has committed by the time release holds the
   * row) or newly held would be missing from the frozen result: read them again and refuse.
   */
  async function assertDeliveryUnchanged(tx: DbOrTx, data: SittingData): Promise<void> {
    const now = await deps.delivery.attemptsOf(
      data.enrolments.map((e) => e.enrolmentId),
      tx,
    );
    const held = now.filter((a) => a.heldLateChanges > 0).length;
    if (held > 0) {
      const blocker = heldLateChangesBlocker(held);
      throw new AppError('RESULTS_NOT_READY', blocker, 409, { blockers: [blocker] });
    }
    const figures = (attempts: readonly AttemptForResults[]) =>
      JSON.stringify(
        [...attempts]
          .sort((a, b) => a.attemptId.localeCompare(b.attemptId))
          .map((a) => [
            a.attemptId,
            a.partOneClosed,
            a.partTwoClosed,
            a.partOneResult,
            a.lateChanges,
          ]),
      );
    if (figures(now) !== figures(data.attempts))
      throw new AppError(
        'LATE_CHANGES_CHANGED',
        'A late change was decided while the results were being released; reload, review and release again.',
        409,
      );
  }

  return {
    /** The scope's sittings (every association's for the programme) with grading progress. */
    async listSittings(scope: Scope): Promise<ResultsSittingListResponse> {
      const all = await deps.sittings.listSittings();
      const mine = await idsWithinScope(
        db,
        scope,
        'sitting',
        all.map((s) => s.id),
      );
      const sittings = all.filter((s) => mine.has(s.id));
      const progress = await deps.grading.progressBySitting();
      return {
        sittings: sittings.map((s) => {
          const p = progress.get(s.id);
          return {
            id: s.id,
            name: s.name,
            status: s.status,
            gradedAttempts: p?.gradedAttempts ?? 0,
            responses: {
              total: p?.total ?? 0,
              final: p?.final ?? 0,
              awaitingReaders: p?.reading ?? 0,
              awaitingAdjudication: p?.adjudicating ?? 0,
            },
          };
        }),
      };
    },

    async review(
      scope: Scope,
      actor: CurrentUser,
      sittingId: string,
    ): Promise<SittingReviewResponse> {
      const data = await deps.load(scope, sittingId);
      const outcomes = candidateOutcomes(data);
      // Identity meets scores here: record who looked.
      await audited(actor, 'results.reviewed', sittingId, { candidates: outcomes.length });
      const releasedAt = await resultsRepo.releasedAtOf(db, scope, sittingId);
      const blockers = releaseBlockers(data.sitting.status, outcomes);
      blockers.push(...(await deps.feedback.forRelease(scope, data, outcomes)).blockers);
      return {
        sitting: {
          id: data.sitting.id,
          name: data.sitting.name,
          status: data.sitting.status,
          releasedAt: releasedAt?.toISOString() ?? null,
        },
        rules: data.rules,
        candidates: outcomes.map((o) => o.row),
        distributions: [partOneDistribution(outcomes), partTwoDistribution(outcomes)],
        agreement: agreementFigures(data),
        blockers,
      };
    },

    async setRules(scope: Scope, actor: CurrentUser, sittingId: string, rules: GradingRules) {
      const within = await isWithinScope(db, scope, 'sitting', sittingId);
      const sitting = within ? await deps.sittings.getSitting(db, sittingId) : undefined;
      if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
      if (sitting.status === 'released')
        throw new AppError('ALREADY_RELEASED', 'Results are released; the rules are fixed.', 409);
      await withinScope(db, scope, async (tx) => {
        await deps.grading.saveRules(tx, sittingId, rules, actor.id, deps.clock.now());
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'results.rules_set',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: { ...rules },
        });
      });
      return { rules };
    },

    /** Freezes every candidate's result and marks the sitting released, in one transaction. */
    async release(scope: Scope, actor: CurrentUser, sittingId: string): Promise<ReleaseResponse> {
      const data = await deps.load(scope, sittingId);
      const outcomes = candidateOutcomes(data);
      const blockers = releaseBlockers(data.sitting.status, outcomes);
      // Every candidate's feedback approved as it now stands; that text is what is frozen.
      const feedback = await deps.feedback.forRelease(scope, data, outcomes);
      blockers.push(...feedback.blockers);
      if (blockers.length > 0)
        throw new AppError('RESULTS_NOT_READY', blockers.join(' '), 409, { blockers });
      const at = deps.clock.now();
      const sat = outcomes.filter((o) => o.attempt);
      await withinScope(db, scope, async (tx) => {
        if (!(await deps.sittings.markReleased(tx, sittingId, at)))
          throw new AppError(
            'RESULTS_NOT_READY',
            'The sitting changed; reload and try again.',
            409,
          );
        await deps.feedback.assertUnchanged(tx, scope, sittingId, feedback);
        await assertDeliveryUnchanged(tx, data);
        for (const outcome of sat) {
          const result = releasedResultOf(outcome, data.sitting.name, at, feedback.commentOf);
          await resultsRepo.insertResult(tx, {
            attemptId: outcome.attempt!.attemptId,
            sittingId,
            candidateId: outcome.row.candidateId,
            passed: result.passed,
            result: result as unknown as Record<string, unknown>,
            releasedAt: at,
            releasedBy: actor.id,
          });
          const email = data.people.get(outcome.row.candidateId)?.email;
          if (deps.outbox && email) {
            await deps.outbox.enqueue(
              {
                to: email,
                associationId: data.sitting.associationId,
                template: {
                  kind: 'results-released',
                  sittingName: data.sitting.name,
                  signInLink: `${deps.publicOrigin ?? ''}/`,
                },
                dedupeKey: `results-released:${outcome.attempt!.attemptId}`,
              },
              tx,
            );
          }
        }
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'results.released',
          subjectType: 'sitting',
          subjectId: sittingId,
          details: {
            results: sat.length,
            passed: sat.filter((o) => o.row.overall === 'passed').length,
          },
        });
      });
      return { releasedAt: at.toISOString(), results: sat.length };
    },

    async exportCsv(
      scope: Scope,
      actor: CurrentUser,
      sittingId: string,
      kind: 'results' | 'scores',
    ) {
      const data = await deps.load(scope, sittingId);
      const outcomes = candidateOutcomes(data);
      await audited(actor, 'results.exported', sittingId, { kind });
      const table = kind === 'results' ? resultsCsv(outcomes) : scoresCsv(data, outcomes);
      return { filename: `${kind}-${sittingId}.csv`, csv: toSafeCsv(table.header, table.rows) };
    },

    /** A candidate's results: "pending" until their sitting is released, then the frozen result. */
    async mine(candidateId: string): Promise<MyResultsResponse> {
      const enrolments = await deps.sittings.enrolmentsOfCandidate(candidateId);
      const attempts = await deps.delivery.attemptsOf(enrolments.map((e) => e.enrolmentId));
      // The candidate's own enrolments, whichever association enrolled them.
      const released = await resultsRepo.releasedResults(
        db,
        programmeScope,
        attempts.map((a) => a.attemptId),
      );
      const results = await Promise.all(
        enrolments.map(async (enrolment): Promise<CandidateResult[]> => {
          const attempt = attempts.find((a) => a.enrolmentId === enrolment.enrolmentId);
          if (!attempt) return [];
          const { lateChanges } = attempt;
          const stored = released.get(attempt.attemptId);
          if (enrolment.sittingStatus !== 'released' || !stored)
            return [{ status: 'pending', sittingName: enrolment.sittingName, lateChanges }];
          const result = await withPointers(
            stored as unknown as Omit<ReleasedResult, 'studyPointers'>,
          );
          return [{ ...result, lateChanges }];
        }),
      );
      return { results: results.flat() };
    },
  };
}
