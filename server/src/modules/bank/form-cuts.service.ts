import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { createFreshReads } from '../../lib/recent-reads.js';
import * as formsRepo from './forms.repo.js';

/** How long a form's cut read for a candidate's seat is used again (`formCut`). */
const CUT_FRESH_MS = 5_000;

/**
 * A form's cut score. Sittings read it through (`formCut`); only standard setting changes it
 * (`setFormCut`), inside the transaction that records and audits the adoption.
 */
export function createFormCuts(deps: { db: Db; clock: Clock }) {
  /**
   * The cut each form had when last read, for `formCut`: every candidate's hello reads its
   * form's cut, and when a sitting opens that was one round trip per candidate for a value
   * that changes only by a standard-setting adoption, long after the sitting.
   */
  const recent = createFreshReads<number | undefined>(CUT_FRESH_MS);

  return {
    /**
     * One form's cut, read at most once every CUT_FRESH_MS on this instance. An adoption here
     * forgets it at once; one on another instance is seen within CUT_FRESH_MS. A started Part
     * One holds the cut its attempt was opened with in any case (attempt-loader.ts).
     */
    formCut(formId: string): Promise<number | undefined> {
      return recent.read(formId, deps.clock.now().getTime(), async () => {
        const [row] = await formsRepo.formCuts(deps.db, [formId]);
        return row?.cutScore;
      });
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
      recent.forget(formId);
    },
  };
}
