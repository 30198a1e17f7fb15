import {
  benchmarkDetailSchema,
  type AgreedScore,
  type BenchmarkDetail,
  type BenchmarkSource,
  type BenchmarkSummary,
  type CalibrationSettings,
  type CreateBenchmarkRequest,
  type CurrentUser,
  type UpdateBenchmarkRequest,
} from '@exam/shared/api';
import { renderEssayHtml, validateEssayDocument } from '@exam/shared/editor';
import type { Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import type { StoredAgreed } from '../../db/schema/grading-calibration.js';
import type { StoredCriterion } from '../../db/schema/grading.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { DeliveryResults } from '../delivery/index.js';
import * as benchmarksRepo from './benchmarks.repo.js';
import type { BenchmarkRow } from './benchmarks.repo.js';
import * as calibrationRepo from './calibration.repo.js';
import * as itemsRepo from './items.repo.js';
import * as rubricsRepo from './rubrics.repo.js';

export type BenchmarksService = ReturnType<typeof createBenchmarksService>;

const notFound = () => new AppError('NOT_FOUND', 'No benchmark with that id.', 404);

/** The response a grader is shown, from a stored essay document: validated, then rendered. */
export function responseHtmlOf(doc: unknown): string {
  const checked = doc === null ? null : validateEssayDocument(doc);
  return checked?.ok ? renderEssayHtml(checked.doc) : '<p>(No text could be shown.)</p>';
}

/** Agreed scores must name every criterion of the rubric once, and nothing else. */
function toStoredAgreed(agreed: readonly AgreedScore[], criteria: readonly StoredCriterion[]) {
  const ids = criteria.map((c) => c.id);
  const given = agreed.map((a) => a.criterionId);
  if (given.length !== ids.length || !ids.every((id) => given.includes(id))) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Give one agreed level and rationale for every criterion of the rubric.',
      400,
      { fields: [{ path: 'agreed', message: 'One agreed score per criterion' }] },
    );
  }
  const stored: StoredAgreed = {};
  for (const a of agreed) stored[a.criterionId] = { level: a.level, rationale: a.rationale };
  return stored;
}

export function agreedInOrder(agreed: StoredAgreed, criteria: readonly StoredCriterion[]) {
  return criteria.flatMap((c) => {
    const a = agreed[c.id];
    return a ? [{ criterionId: c.id, level: a.level, rationale: a.rationale }] : [];
  });
}

/**
 * Benchmark responses and the calibration settings. A benchmark copies the response's text and
 * its vignette; it never keeps the item, attempt, candidate, sitting or any grader, so nothing a
 * grader is later shown from it can lead back to them. The source code is kept in the audit log
 * only, for the people who made it.
 */
export function createBenchmarksService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: Pick<DeliveryResults, 'responseForGrading'>;
}) {
  const { db } = deps;

  async function present(
    db: DbOrTx,
    row: BenchmarkRow,
  ): Promise<BenchmarkSummary & { criteria: StoredCriterion[] }> {
    const rubric = await rubricsRepo.findRubric(db, row.rubricId);
    if (!rubric) throw new Error(`benchmark ${row.id} has no rubric`);
    return {
      id: row.id,
      title: row.title,
      variant: row.variant as BenchmarkSummary['variant'],
      rubricId: row.rubricId,
      rubricVersion: rubric.version,
      active: row.active,
      words: row.words,
      agreed: agreedInOrder(row.agreed, rubric.criteria),
      updatedAt: row.updatedAt.toISOString(),
      criteria: rubric.criteria,
    };
  }

  async function detail(db: DbOrTx, row: BenchmarkRow): Promise<BenchmarkDetail> {
    const summary = await present(db, row);
    return benchmarkDetailSchema.parse({
      ...summary,
      vignette: row.vignette,
      responseHtml: responseHtmlOf(row.responseDoc),
    });
  }

  return {
    async list(): Promise<BenchmarkSummary[]> {
      const rows = await benchmarksRepo.listBenchmarks(db);
      const out: BenchmarkSummary[] = [];
      for (const { benchmark } of rows) {
        const { criteria: _criteria, ...summary } = await present(db, benchmark);
        out.push(summary);
      }
      return out;
    },

    async get(id: string): Promise<BenchmarkDetail> {
      const row = await benchmarksRepo.findBenchmark(db, id);
      if (!row) throw notFound();
      return detail(db, row);
    },

    async sources(scope: Scope, variant?: string): Promise<BenchmarkSource[]> {
      const rows = await benchmarksRepo.finalItems(db, scope, variant);
      return rows.map(({ item, rubricVersion }) => ({
        code: item.code,
        variant: item.variant as BenchmarkSource['variant'],
        rubricVersion,
        finalTotal: item.final?.total ?? 0,
        finalLevels: Object.entries(item.final?.criteria ?? {}).map(([criterionId, level]) => ({
          criterionId,
          level,
        })),
      }));
    },

    /** Copies a finally scored response in the actor's reach into a new benchmark. */
    async create(
      scope: Scope,
      actor: CurrentUser,
      input: CreateBenchmarkRequest,
    ): Promise<BenchmarkDetail> {
      const item = await itemsRepo.findItemByCode(db, scope, input.code);
      if (!item || item.status !== 'final')
        throw new AppError('NOT_FOUND', 'No finally scored response with that code.', 404);
      const response = await deps.delivery.responseForGrading(item.attemptId, item.vignette);
      if (!response?.doc) throw new AppError('NOT_FOUND', 'That response has no text.', 404);
      return db.transaction(async (tx) => {
        const rubric = await rubricsRepo.findRubric(tx, item.rubricId);
        if (!rubric) throw new Error(`item ${item.code} has no rubric`);
        const at = deps.clock.now();
        const row = await benchmarksRepo.insertBenchmark(tx, {
          title: input.title,
          variant: item.variant,
          rubricId: item.rubricId,
          vignette: response.vignette,
          responseDoc: response.doc,
          words: response.words,
          agreed: toStoredAgreed(input.agreed, rubric.criteria),
          createdAt: at,
          createdBy: actor.id,
          updatedAt: at,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.benchmark_created',
          subjectType: 'grading_benchmark',
          subjectId: row.id,
          details: { fromResponse: item.code, title: row.title, agreed: row.agreed },
        });
        return detail(tx, row);
      });
    },

    async update(
      actor: CurrentUser,
      id: string,
      input: UpdateBenchmarkRequest,
    ): Promise<BenchmarkDetail> {
      return db.transaction(async (tx) => {
        const row = await benchmarksRepo.findBenchmark(tx, id);
        if (!row) throw notFound();
        const rubric = await rubricsRepo.findRubric(tx, row.rubricId);
        if (!rubric) throw new Error(`benchmark ${id} has no rubric`);
        const values = {
          title: input.title,
          agreed: toStoredAgreed(input.agreed, rubric.criteria),
          active: input.active,
          updatedAt: deps.clock.now(),
        };
        await benchmarksRepo.updateBenchmark(tx, id, values);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.benchmark_updated',
          subjectType: 'grading_benchmark',
          subjectId: id,
          details: {
            before: { title: row.title, agreed: row.agreed, active: row.active },
            ...values,
          },
        });
        return detail(tx, { ...row, ...values });
      });
    },

    async settings(): Promise<CalibrationSettings> {
      const {
        id: _id,
        updatedAt: _at,
        updatedBy: _by,
        ...settings
      } = await calibrationRepo.readSettings(db);
      return settings;
    },

    async updateSettings(actor: CurrentUser, input: CalibrationSettings): Promise<void> {
      if (input.seedMinimum > input.seedWindow)
        throw new AppError(
          'VALIDATION_FAILED',
          'The minimum of seeds cannot exceed the window.',
          400,
          {
            fields: [{ path: 'seedMinimum', message: 'At most the window' }],
          },
        );
      await db.transaction(async (tx) => {
        const before = await calibrationRepo.readSettings(tx);
        await calibrationRepo.writeSettings(tx, {
          ...input,
          updatedAt: deps.clock.now(),
          updatedBy: actor.id,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.calibration_settings_set',
          subjectType: 'programme',
          subjectId: 'grading-calibration',
          details: { before, after: input },
        });
      });
    },
  };
}
