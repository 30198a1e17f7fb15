import {
  gradingQueueResponseSchema,
  gradingResponseViewSchema,
  scoreSheetResponseSchema,
  type GradingQueueEntry,
  type GradingQueueResponse,
  type GradingResponseView,
  type ScoreSheetRequest,
  type ScoreSheetResponse,
} from '@exam/shared/api';
import type { Db, DbOrTx } from '../../db/client.js';
import { programmeScope } from '../../db/association-scope.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as benchmarksRepo from './benchmarks.repo.js';
import { responseHtmlOf } from './benchmarks.service.js';
import * as itemsRepo from './items.repo.js';
import * as qualificationRepo from './qualification.repo.js';
import type { Routing } from './routing.js';
import * as rubricsRepo from './rubrics.repo.js';
import type { ScoringService } from './scoring.service.js';
import { judgeSeeds } from './seed-agreement.js';
import * as seedsRepo from './seeds.repo.js';
import type { SeedRow } from './seeds.repo.js';
import { checkRubricVersion, presentSheet, readingStatusOf, toStoredScores } from './sheets.js';

const paused = () =>
  new AppError(
    'GRADER_PAUSED',
    'Your scoring is paused. The grading coordinator will be in touch before you continue.',
    403,
  );
export type SeededScoring = ReturnType<typeof createSeededScoring>;

const notYours = () =>
  new AppError('NOT_FOUND', 'No response with that code is in your queue.', 404);

/**
 * The grader's routes see one queue: live readings and seeded benchmarks, interleaved by their
 * order keys, answered with the same strict shared schemas (so a seed's JSON has the live key
 * set and shapes). A code is looked up as live and as seed at once, so neither answers sooner.
 * Seed scores are stored in their own table, which nothing that computes results reads; a
 * submitted seed is judged against its agreed levels and may pause the grader.
 */
export function createSeededScoring(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  scoring: ScoringService;
  routing: Pick<Routing, 'poolChanged'>;
}) {
  const { db, scoring } = deps;

  async function benchmarkOf(seed: SeedRow, tx: DbOrTx = db) {
    const benchmark = await benchmarksRepo.findBenchmark(tx, seed.benchmarkId);
    const rubric = benchmark ? await rubricsRepo.findRubric(tx, benchmark.rubricId) : undefined;
    if (!benchmark || !rubric) throw new Error(`seed ${seed.id} lost its benchmark`);
    return { benchmark, rubric };
  }

  /** The live item or the seed this code names in the grader's queue, looked up together. */
  async function lookup(graderId: string, code: string) {
    const [isPaused, item, seed] = await Promise.all([
      qualificationRepo.pausedGraders(db).then((set) => set.has(graderId)),
      itemsRepo.findItemByCode(db, programmeScope, code),
      seedsRepo.findSeed(db, graderId, code),
    ]);
    if (isPaused) throw paused();
    return { item, seed };
  }

  async function storeSeed(
    graderId: string,
    code: string,
    sheet: ScoreSheetRequest,
    submitting: boolean,
  ): Promise<ScoreSheetResponse> {
    let pausedNow = false;
    const saved = await db.transaction(async (tx) => {
      const seed = await seedsRepo.findSeed(tx, graderId, code, true);
      if (!seed) throw notYours();
      if (seed.status === 'submitted')
        throw new AppError('ALREADY_SUBMITTED', 'This reading was already submitted.', 409);
      const { rubric } = await benchmarkOf(seed, tx);
      // Checked as a live sheet is, so a seed answers exactly as a live response would.
      checkRubricVersion(sheet, rubric);
      const scores = toStoredScores(sheet, rubric.criteria, submitting);
      const status = submitting ? 'submitted' : 'draft';
      const row = {
        ...seed,
        scores,
        flagged: sheet.flagged,
        flagNote: sheet.flagNote.trim(),
        status,
      };
      const at = deps.clock.now();
      await seedsRepo.saveSeedSheet(tx, seed.id, { ...row, status, at });
      if (submitting) {
        await deps.audit.append(tx, {
          actorId: graderId,
          action: 'grading.seed_submitted',
          subjectType: 'grading_seed',
          subjectId: seed.id,
          details: { benchmarkId: seed.benchmarkId },
        });
        pausedNow = await judgeSeeds(tx, { graderId, at, audit: deps.audit });
      }
      return presentSheet(row, rubric.criteria);
    });
    // Readings taken back from a paused grader go to others.
    if (pausedNow) await deps.routing.poolChanged();
    return scoreSheetResponseSchema.parse({ sheet: saved });
  }

  return {
    async queue(graderId: string): Promise<GradingQueueResponse> {
      const [live, seeds, rows] = await Promise.all([
        scoring.queue(graderId),
        seedsRepo.seedsOf(db, graderId),
        itemsRepo.queueOf(db, graderId),
      ]);
      if (seeds.length === 0) return live;
      const keyOf = new Map<string, string>(rows.map((r) => [r.item.code, r.assignment.orderKey]));
      const entries: (GradingQueueEntry & { key: string })[] = live.entries.map((e) => ({
        ...e,
        key: keyOf.get(e.code) ?? '',
      }));
      for (const seed of seeds) {
        const benchmark = await benchmarksRepo.findBenchmark(db, seed.benchmarkId);
        if (!benchmark) continue;
        entries.push({
          code: seed.code,
          variant: benchmark.variant as GradingQueueEntry['variant'],
          vignetteTitle: benchmark.vignette.title,
          role: 'reader',
          status: readingStatusOf(seed),
          flagged: seed.flagged,
          key: seed.orderKey,
        });
      }
      entries.sort((a, b) => a.key.localeCompare(b.key));
      const list = entries.map(({ key: _key, ...entry }) => entry);
      return gradingQueueResponseSchema.parse({
        entries: list,
        progress: {
          total: list.length,
          submitted: list.filter((e) => e.status === 'submitted').length,
          drafts: list.filter((e) => e.status === 'draft').length,
        },
      });
    },

    async view(graderId: string, code: string): Promise<GradingResponseView> {
      const { seed } = await lookup(graderId, code);
      if (!seed) return scoring.view(graderId, code);
      const { benchmark, rubric } = await benchmarkOf(seed);
      return gradingResponseViewSchema.parse({
        code: seed.code,
        role: 'reader',
        variant: benchmark.variant,
        vignette: benchmark.vignette,
        responseHtml: responseHtmlOf(benchmark.responseDoc),
        words: benchmark.words,
        rubric: {
          version: rubric.version,
          title: rubric.title,
          criteria: rubric.criteria,
          passingRule: rubric.passingRule,
        },
        sheet: presentSheet(seed, rubric.criteria),
        otherReadings: [],
      });
    },

    async saveDraft(graderId: string, code: string, sheet: ScoreSheetRequest) {
      const { seed } = await lookup(graderId, code);
      return seed
        ? storeSeed(graderId, code, sheet, false)
        : scoring.saveDraft(graderId, code, sheet);
    },

    async submit(graderId: string, code: string, sheet: ScoreSheetRequest) {
      const { seed } = await lookup(graderId, code);
      return seed ? storeSeed(graderId, code, sheet, true) : scoring.submit(graderId, code, sheet);
    },
  };
}
