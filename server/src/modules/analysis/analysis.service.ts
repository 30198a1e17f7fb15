import type { AnalysisScope, CurrentUser, ItemAnalysisResponse } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import type { DeliveryAnalysis } from '../delivery/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { analysisCsv, analysisXlsx } from './analysis.exports.js';
import { presentAnalysis } from './analysis.presenters.js';
import { analyseItems } from './item-analysis.compute.js';
import { optionCurves } from './option-curves.compute.js';

export type AnalysisService = ReturnType<typeof createAnalysisService>;

/** The pooled scope's name; its cut score is the most recent sitting's. */
const POOLED = 'All sittings (pooled)';

/**
 * Item analysis on demand. Nothing is stored: every figure is recomputed from the stored answers
 * and the form's keys when asked, so an accepted late change or a re-keyed item shows at once and
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
  delivery: Pick<DeliveryAnalysis, 'scopes' | 'partOneChoices'>;
}) {
  /** Every form that has been sat, per sitting, then pooled over its sittings (newest first). */
  async function scopes(): Promise<AnalysisScope[]> {
    const [sat, forms, sittings] = await Promise.all([
      deps.delivery.scopes(),
      deps.bank.listForms(),
      deps.sittings.listSittings(),
    ]);
    const result: AnalysisScope[] = [];
    for (const form of forms) {
      const mine = sat.filter((s) => s.formId === form.id);
      const perSitting = sittings.flatMap((sitting) => {
        const scope = mine.find((s) => s.sittingId === sitting.id);
        return scope
          ? [{ sitting, closedAttempts: scope.closedAttempts, endorsement: scope.endorsement }]
          : [];
      });
      if (perSitting.length === 0) continue;
      const base = { formId: form.id, formName: form.name, endorsement: form.endorsement };
      for (const { sitting, closedAttempts } of perSitting) {
        result.push({ ...base, sittingId: sitting.id, sittingName: sitting.name, closedAttempts });
      }
      if (perSitting.length > 1) {
        const closedAttempts = perSitting.reduce((sum, s) => sum + s.closedAttempts, 0);
        result.push({ ...base, sittingId: null, sittingName: POOLED, closedAttempts });
      }
    }
    return result;
  }

  async function analyse(formId: string, sittingId: string | null): Promise<ItemAnalysisResponse> {
    // The form, its keys, the sittings and the answers are independent reads: run them together.
    const [form, keyed, sittings, sat, answers] = await Promise.all([
      deps.bank.getForm(formId),
      deps.bank.formItems(formId),
      deps.sittings.listSittings(),
      deps.delivery.scopes(formId),
      deps.delivery.partOneChoices(formId, sittingId),
    ]);
    // The newest sitting of the form sets the pooled cut score (the list is newest first).
    const sitting = sittingId
      ? sittings.find((s) => s.id === sittingId)
      : sittings.find((s) => sat.some((scope) => scope.sittingId === s.id));
    if (sittingId && (!sitting || !sat.some((s) => s.sittingId === sittingId))) {
      throw new AppError('ANALYSIS_SCOPE_NOT_FOUND', 'This form was not sat in that sitting.', 404);
    }
    const items = form.items.map((item) => {
      const key = keyed.find((k) => k.position === item.position);
      if (!key) throw new AppError('INTERNAL', 'The form lost an item.', 500);
      return { ...item, keyIndex: key.keyIndex };
    });
    const choices = await answers.matrix(items.length);
    const matrix = {
      candidates: answers.candidates,
      items: items.map((item) => ({ keyIndex: item.keyIndex, domain: item.domain })),
      choices,
    };
    const cutScore = sitting?.cutScore ?? Math.ceil(items.length * 0.8);
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
      items,
      analysis: analyseItems(matrix, cutScore),
      curves: optionCurves(matrix),
    });
  }

  return {
    scopes,
    analyse,

    /** The analysis as a file; exporting is audited (it leaves the platform). */
    async export(
      actor: CurrentUser,
      formId: string,
      sittingId: string | null,
      format: 'csv' | 'xlsx',
    ): Promise<{ filename: string; body: string | Buffer }> {
      const analysis = await analyse(formId, sittingId);
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
