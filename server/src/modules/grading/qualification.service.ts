import {
  myQualificationsResponseSchema,
  type MyQualificationsResponse,
  type QualificationRoundView,
  type SaveQualificationLevelsRequest,
} from '@exam/shared/api';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import * as benchmarksRepo from './benchmarks.repo.js';
import * as calibrationRepo from './calibration.repo.js';
import * as graderRepo from './graders.repo.js';
import * as qualificationRepo from './qualification.repo.js';
import type { RoundRow } from './qualification.repo.js';
import { createQualificationDecisions } from './qualification-decisions.js';
import {
  drawablePool,
  pickSet,
  qualificationExpiry,
  roundViewOf,
  scoreSet,
  standingOf,
} from './qualification.rules.js';
import type { GraderChangeDeps } from './graders.service.js';
import * as rubricsRepo from './rubrics.repo.js';
import { currentRubricOf } from './rubrics.service.js';

export type QualificationService = ReturnType<typeof createQualificationService>;

const noRound = () => new AppError('NOT_FOUND', 'No qualification set with that id is yours.', 404);

/**
 * Qualification: the grader's sets of benchmark responses, their result and feedback, and the
 * coordinator's decision after a failed retry (or at any time, audited, e.g. for a grader
 * qualified elsewhere; qualification-decisions.ts).
 */
export function createQualificationService(deps: GraderChangeDeps) {
  const { db } = deps;

  async function ownRound(graderId: string, roundId: string, lock = false, tx = db) {
    const round = await qualificationRepo.findRound(tx, roundId, lock);
    if (!round || round.graderId !== graderId) throw noRound();
    return round;
  }

  /**
   * After a failed first set: when fewer unseen benchmarks are left than a set holds, the retry
   * cannot be drawn (drawablePool), so the coordinator is asked for more now rather than the
   * grader finding the retry refused.
   */
  async function askForBenchmarksIfShort(tx: DbOrTx, failed: RoundRow, size: number, at: Date) {
    const [pool, rounds] = await Promise.all([
      benchmarksRepo.activeBenchmarksOf(tx, failed.rubricId),
      qualificationRepo.roundsOf(tx, failed.graderId, failed.rubricId),
    ]);
    const unseen = drawablePool(pool, [...rounds, failed], 'retry').length;
    if (unseen >= size) return;
    await qualificationRepo.notify(tx, {
      kind: 'qualification.benchmarks_needed',
      graderId: failed.graderId,
      message: `A grader's retry for ${failed.variant} needs ${size} benchmark responses they have not seen; ${unseen} are active. Add benchmarks so the retry can start.`,
      createdAt: at,
    });
  }

  async function view(round: RoundRow): Promise<QualificationRoundView> {
    const [rubric, rows] = await Promise.all([
      rubricsRepo.findRubric(db, round.rubricId),
      benchmarksRepo.benchmarksByIds(db, round.benchmarkIds),
    ]);
    if (!rubric) throw new Error(`round ${round.id} has no rubric`);
    return roundViewOf(round, rubric, rows);
  }

  return {
    ...createQualificationDecisions(deps),

    async mine(graderId: string): Promise<MyQualificationsResponse> {
      const [graderRows, settings, quals, rounds, paused] = await Promise.all([
        graderRepo.listGraderRows(db),
        calibrationRepo.readSettings(db),
        qualificationRepo.qualificationsOf(db, graderId),
        qualificationRepo.roundsOf(db, graderId),
        qualificationRepo.pausedGraders(db),
      ]);
      const variants = graderRows.find((g) => g.userId === graderId)?.variants ?? [];
      const now = deps.clock.now();
      const out = [];
      for (const variant of [...variants].sort()) {
        const rubric = await rubricsRepo.latestRubric(db, variant);
        if (!rubric) continue;
        const q = quals.find((row) => row.rubricId === rubric.id);
        const rubricRounds = rounds.filter((r) => r.rubricId === rubric.id);
        const standing = standingOf(q, rubricRounds, now);
        const pool = await benchmarksRepo.activeBenchmarksOf(db, rubric.id);
        const available = drawablePool(pool, rubricRounds, standing.state);
        out.push({
          variant,
          rubricVersion: rubric.version,
          state: standing.state,
          expiresAt: q?.qualified && q.expiresAt ? q.expiresAt.toISOString() : null,
          roundId: standing.round?.id ?? null,
          setAvailable: available.length >= settings.qualificationSetSize,
        });
      }
      return myQualificationsResponseSchema.parse({
        paused: paused.has(graderId),
        thresholds: {
          setSize: settings.qualificationSetSize,
          exactPercent: settings.qualificationExactPercent,
          adjacentPercent: settings.qualificationAdjacentPercent,
        },
        variants: out,
      });
    },

    /** Opens a set for the variant's current rubric: a first one, or the one retry. */
    async start(graderId: string, variant: string): Promise<string> {
      const rubric = await currentRubricOf(db, variant);
      const graderRow = (await graderRepo.listGraderRows(db)).find((g) => g.userId === graderId);
      if (!graderRow?.variants.includes(variant))
        throw new AppError('FORBIDDEN', 'You are not set to grade that variant.', 403);
      return db.transaction(async (tx) => {
        // One start at a time per grader and rubric, so two clicks cannot open two sets.
        await qualificationRepo.lockGraderRubric(tx, graderId, rubric.id);
        const settings = await calibrationRepo.readSettings(tx);
        const [quals, rounds] = await Promise.all([
          qualificationRepo.qualificationsOf(tx, graderId),
          qualificationRepo.roundsOf(tx, graderId, rubric.id),
        ]);
        const q = quals.find((row) => row.rubricId === rubric.id);
        const { state } = standingOf(q, rounds, deps.clock.now());
        if (state !== 'not-started' && state !== 'expired' && state !== 'retry')
          throw new AppError(
            'QUALIFICATION_NOT_OPEN',
            'A qualification set cannot be started now for this variant.',
            409,
            { state },
          );
        const pool = drawablePool(
          await benchmarksRepo.activeBenchmarksOf(tx, rubric.id),
          rounds,
          state,
        );
        const size = settings.qualificationSetSize;
        if (pool.length < size)
          throw new AppError(
            'QUALIFICATION_UNAVAILABLE',
            state === 'retry'
              ? 'There are not yet enough benchmark responses you have not already seen for another set; the coordinator has been asked for more.'
              : 'There are not yet enough benchmark responses for a qualification set.',
            409,
          );
        const set = pickSet(pool, rounds, size);
        const since = q?.decidedAt.getTime() ?? -Infinity;
        const number = rounds.filter((r) => r.startedAt.getTime() >= since).length + 1;
        const at = deps.clock.now();
        const round = await qualificationRepo.insertRound(tx, {
          graderId,
          rubricId: rubric.id,
          variant,
          round: number,
          benchmarkIds: set,
          startedAt: at,
        });
        await deps.audit.append(tx, {
          actorId: graderId,
          action: 'grading.qualification_started',
          subjectType: 'user',
          subjectId: graderId,
          details: { variant, rubricVersion: rubric.version, round: number, size: set.length },
        });
        return round.id;
      });
    },

    async round(graderId: string, roundId: string): Promise<QualificationRoundView> {
      return view(await ownRound(graderId, roundId));
    },

    async saveLevels(
      graderId: string,
      roundId: string,
      position: number,
      input: SaveQualificationLevelsRequest,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const round = await ownRound(graderId, roundId, true, tx);
        if (round.status !== 'open')
          throw new AppError('QUALIFICATION_CLOSED', 'This set is finished.', 409);
        const benchmarkId = round.benchmarkIds[position - 1];
        if (!benchmarkId) throw noRound();
        const rubric = await rubricsRepo.findRubric(tx, round.rubricId);
        const known = new Set(rubric?.criteria.map((c) => c.id));
        if (input.levels.some((l) => !known.has(l.criterionId)))
          throw new AppError('RUBRIC_CHANGED', 'That criterion is not in this rubric.', 409);
        const levels = {
          ...round.levels,
          [benchmarkId]: Object.fromEntries(input.levels.map((l) => [l.criterionId, l.level])),
        };
        await qualificationRepo.updateRound(tx, round.id, { levels });
      });
    },

    /** Scores the set against the agreed levels; a pass qualifies until the expiry. */
    async finish(graderId: string, roundId: string): Promise<QualificationRoundView> {
      const finished = await db.transaction(async (tx) => {
        const round = await ownRound(graderId, roundId, true, tx);
        if (round.status !== 'open')
          throw new AppError('QUALIFICATION_CLOSED', 'This set is finished.', 409);
        const [rubric, rows, settings] = await Promise.all([
          rubricsRepo.findRubric(tx, round.rubricId),
          benchmarksRepo.benchmarksByIds(tx, round.benchmarkIds),
          calibrationRepo.readSettings(tx),
        ]);
        if (!rubric) throw new Error(`round ${round.id} has no rubric`);
        const { exactPercent, adjacentPercent } = scoreSet(round, rubric, rows);
        const passed =
          exactPercent >= settings.qualificationExactPercent &&
          adjacentPercent >= settings.qualificationAdjacentPercent;
        const at = deps.clock.now();
        const status = passed ? 'passed' : 'failed';
        await qualificationRepo.updateRound(tx, round.id, {
          status,
          exactPercent,
          adjacentPercent,
          finishedAt: at,
        });
        if (passed) {
          await qualificationRepo.upsertQualification(tx, {
            graderId,
            rubricId: round.rubricId,
            variant: round.variant,
            qualified: true,
            source: 'set',
            decidedAt: at,
            expiresAt: qualificationExpiry(at, settings),
            decidedBy: null,
            note: '',
          });
        } else if (round.round === 1) {
          await askForBenchmarksIfShort(tx, round, settings.qualificationSetSize, at);
        } else {
          await qualificationRepo.notify(tx, {
            kind: 'qualification.decision_needed',
            graderId,
            message: `A grader did not qualify for ${round.variant} after a retry: a decision is needed.`,
            createdAt: at,
          });
        }
        await deps.audit.append(tx, {
          actorId: graderId,
          action: passed ? 'grading.qualification_passed' : 'grading.qualification_failed',
          subjectType: 'user',
          subjectId: graderId,
          details: { variant: round.variant, round: round.round, exactPercent, adjacentPercent },
        });
        return { ...round, status, exactPercent, adjacentPercent, finishedAt: at };
      });
      // Newly qualified: responses waiting for readers may now come to this grader.
      if (finished.status === 'passed') await deps.routing.poolChanged();
      return view(finished);
    },
  };
}
