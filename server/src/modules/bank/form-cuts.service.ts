import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import * as formsRepo from './forms.repo.js';

/**
 * A form's cut score. Sittings read it through (`formCuts`); only standard setting changes it
 * (`setFormCut`), inside the transaction that records and audits the adoption.
 */
export function createFormCuts(deps: { db: Db; clock: Clock }) {
  return {
    /** Cut per form id, for the forms the bank knows. */
    async formCuts(ids: readonly string[], db: DbOrTx = deps.db): Promise<Map<string, number>> {
      const rows = await formsRepo.formCuts(db, ids);
      return new Map(rows.map((r) => [r.id, r.cutScore]));
    },

    /**
     * Sets a form's cut; the caller audits in the same transaction. A cut outside 1..items is
     * refused here too, so no path can store one.
     */
    async setFormCut(tx: DbOrTx, formId: string, cutScore: number): Promise<void> {
      const form = await formsRepo.findForm(tx, formId);
      if (!form) throw new AppError('NOT_FOUND', 'No such form.', 404);
      if (!Number.isInteger(cutScore) || cutScore < 1 || cutScore > form.itemCount)
        throw new AppError(
          'CUT_OUT_OF_RANGE',
          `A cut score lies between 1 and the form's ${form.itemCount} items.`,
          400,
        );
      await formsRepo.setFormCut(tx, formId, cutScore, deps.clock.now());
    },
  };
}
