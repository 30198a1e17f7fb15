import type { AnalysisScope, CurrentUser, ItemAnalysisResponse } from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { idsWithinScope } from '../../db/scope-filters.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import { scaledCut, type DeliveryAnalysis } from '../delivery/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { latestRun } from './analysis-runs.repo.js';
import { keepColumns, pooledCorrections, withVoided } from './analysis-corrections.js';
import { analysisCsv, analysisXlsx } from './analysis.exports.js';
import { presentAnalysis } from './analysis.presenters.js';
import { analyseItems } from './item-analysis.compute.js';
import { optionCurves } from './option-curves.compute.js';

export type AnalysisService = ReturnType<typeof createAnalysisService>;

/** The pooled scope's name; its cut score is the form's current one. */
const POOLED = 'All sittings (pooled)';

/**
 * Item analysis on demand. Nothing is stored: every figure is recomputed from the stored answers
 * and the form's keys (with each sitting's re-keys and voids) when asked, so an accepted late change or a re-keyed item shows at once and
 * no snapshot can go stale; the computation is linear in candidates × items (see bench/). The
 * answers come in one aggregate query, are mapped in slices that yield to the event loop, and
 * the figures themselves take tens of milliseconds for 5,000 × 60.
 */
export function createAnalysisService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  bank: Pick<BankService, 'formItems' | 'getForm' | 'listForms'>;
  sittings: Pick<SittingResultsAccess, 'listSittings'>;
  delivery: Pick<DeliveryAnalysis, 'scopes' | 'partOneChoices' | 'corrections'>;
}) {
  /** Every form that has been sat, per sitting, then pooled over its sittings (newest first). */
  async function scopes(scope: Scope): Promise<AnalysisScope[]> {
    const [sat, forms, sittings] = await Promise.all([
      deps.delivery.scopes(),
      deps.bank.listForms(),
      deps.sittings.listSittings(),
    ]);
    const visible = await idsWithinScope(
      deps.db,
      scope,
      'sitting',
      sittings.map((s) => s.id),
    );
    const result: AnalysisScope[] = [];
    for (const form of forms) {
      // Sat means at least one closed Part One: with none, every figure would be a mean over
      // zero candidates (p 0, every item "too hard").
      const mine = sat.filter((s) => s.formId === form.id && s.closedAttempts > 0);
      const perSitting = sittings.flatMap((sitting) => {
        const scope = mine.find((s) => s.sittingId === sitting.id);
        return scope
          ? [{ sitting, closedAttempts: scope.closedAttempts, endorsement: scope.endorsement }]
          : [];
      });
      if (perSitting.length === 0) continue;
      const base = { formId: form.id, formName: form.name, endorsement: form.endorsement };
      const shown = perSitting.filter(({ sitting }) => visible.has(sitting.id));
      for (const { sitting, closedAttempts } of shown) {
        result.push({ ...base, sittingId: sitting.id, sittingName: sitting.name, closedAttempts });
      }
      // Pooled figures would mix in another association's candidates: only over all one's own.
      if (perSitting.length > 1 && shown.length === perSitting.length) {
        const closedAttempts = perSitting.reduce((sum, s) => sum + s.closedAttempts, 0);
        result.push({ ...base, sittingId: null, sittingName: POOLED, closedAttempts });
      }
    }
    return result;
  }

  /**
   * One sitting's analysis, or the form's pooled over every sitting that sat it. A sitting of
   * another association, or a pool that would include one, answers like a scope never sat.
   */
  async function analyse(
    scope: Scope,
    formId: string,
    sittingId: string | null,
  ): Promise<ItemAnalysisResponse> {
    // The form, its keys, the sittings and the answers are independent reads: run them together.
    const [form, keyed, sittings, sat, answers, corrections] = await Promise.all([
      deps.bank.getForm(formId),
      deps.bank.formItems(formId),
      deps.sittings.listSittings(),
      deps.delivery.scopes(formId),
      deps.delivery.partOneChoices(formId, sittingId),
      deps.delivery.corrections(formId),
    ]);
    const lastRun = sittingId ? await latestRun(deps.db, formId, sittingId) : undefined;
    const sitting = sittingId ? sittings.find((s) => s.id === sittingId) : undefined;
    const wanted = sittingId ? [sittingId] : sat.map((s) => s.sittingId);
    const within = await idsWithinScope(deps.db, scope, 'sitting', wanted);
    const outside = wanted.some((id) => !within.has(id));
    const none = answers.candidates === 0;
    if (
      outside ||
      none ||
      (sittingId && (!sitting || !sat.some((s) => s.sittingId === sittingId)))
    ) {
      throw new AppError('ANALYSIS_SCOPE_NOT_FOUND', 'This form was not sat in that sitting.', 404);
    }
    // Score with the keys candidates are judged by: the sitting's re-keys and voids applied.
    const inForce = sittingId
      ? (corrections.get(sittingId) ?? [])
      : pooledCorrections(
          corrections,
          sat.map((s) => s.sittingId),
        );
    const byPosition = new Map(inForce.map((c) => [c.position, c]));
    const items = form.items.map((item) => {
      const key = keyed.find((k) => k.position === item.position);
      if (!key) throw new AppError('INTERNAL', 'The form lost an item.', 500);
      const correction = byPosition.get(item.position);
      const keyIndex =
        correction?.kind === 'rekey' ? (correction.keyIndex ?? key.keyIndex) : key.keyIndex;
      return { ...item, keyIndex, correction: correction?.kind ?? null };
    });
    const all = {
      candidates: answers.candidates,
      items: items.map((item) => ({ keyIndex: item.keyIndex, domain: item.domain })),
      choices: await answers.matrix(items.length),
    };
    const kept = items.flatMap((item, i) => (item.correction === 'void' ? [] : [i]));
    const matrix = kept.length === items.length ? all : keepColumns(all, kept);
    // The pass mark: a sitting's Part Ones were judged by the cut stored with their results; the
    // pooled scope (and a sitting with no stored cut) uses the form's current, adopted cut. A
    // void keeps the cut as a proportion of the items that still count, as rescoring does.
    const baseCut = (sittingId ? answers.judgedCut : undefined) ?? form.cutScore;
    const analysis = analyseItems(matrix, scaledCut(baseCut, items.length, kept.length));
    const figures =
      matrix === all ? analysis.items : withVoided(analysis, kept, analyseItems(all, baseCut));
    return presentAnalysis({
      scope: {
        formId,
        formName: form.name,
        endorsement: form.endorsement,
        sittingId,
        sittingName: sittingId ? (sitting?.name ?? '') : POOLED,
        closedAttempts: answers.candidates,
      },
      computedAt: deps.clock.now(),
      automatic: lastRun
        ? { computedAt: lastRun.computedAt, flaggedItems: lastRun.flaggedItems }
        : null,
      items,
      analysis: { ...analysis, items: figures },
      curves: optionCurves(matrix).map((curve) => ({ ...curve, index: kept[curve.index]! })),
    });
  }

  return {
    scopes,
    analyse,

    /** The analysis as a file; exporting is audited (it leaves the platform). */
    async export(
      scope: Scope,
      actor: CurrentUser,
      formId: string,
      sittingId: string | null,
      format: 'csv' | 'xlsx',
    ): Promise<{ filename: string; body: string | Buffer }> {
      const analysis = await analyse(scope, formId, sittingId);
      await deps.db.transaction((tx) =>
        deps.audit.append(tx, {
          actorId: actor.id,
          action: 'analysis.exported',
          subjectType: 'form',
          subjectId: formId,
          details: { sittingId, format, candidates: analysis.test.candidates },
        }),
      );
      const filename = `item-analysis-${formId}${sittingId ? `-${sittingId}` : '-pooled'}.${format}`;
      return {
        filename,
        body: format === 'csv' ? analysisCsv(analysis) : await analysisXlsx(analysis),
      };
    },
  };
}
