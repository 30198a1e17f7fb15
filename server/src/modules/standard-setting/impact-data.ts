import type { Db } from '../../db/client.js';
import { scaledCut, type DeliveryAnalysis, type ItemCorrection } from '../delivery/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';

/** A Part One answer sheet: which positions the candidate got right, and their raw score. */
export interface ImpactSheet {
  correct: Map<number, boolean>;
  score: number;
}

/** Where impact data is read from: other modules' adapters, built once in app.ts. */
export interface ImpactSources {
  sittings: Pick<SittingResultsAccess, 'getSitting'>;
  delivery: Pick<DeliveryAnalysis, 'lastClosedSitting' | 'partOneChoices' | 'corrections'>;
}

export interface ImpactData {
  sittingId: string;
  sittingName: string;
  sheets: ImpactSheet[];
  /**
   * The cut these sheets are judged at for a cut set on the whole form: with voided items the
   * sitting's results keep the cut as a proportion of the items still counted (scaledCut), so a
   * pass rate must too, or its scores (out of fewer items) meet the whole form's cut.
   */
  cutFor(cut: number): number;
}

/**
 * The impact data of a form: every closed Part One of the form's last sitting with closed Part
 * Ones (latest by close time). Read through delivery's analysis side, as item analysis reads it:
 * each choice already mapped back through the attempt's option order, no candidate identity.
 * Correctness is decided as results.compute's scoring does (scorePartOne): the original option
 * chosen compared with the key; an omitted or unanswered item is wrong. The sitting's scoring
 * corrections apply, as they do to its results: a re-keyed item is scored with its new key and a
 * voided one is left out of every sheet (p-values and scores alike).
 */
export async function impactOf(
  db: Db,
  sources: ImpactSources,
  formId: string,
  keys: ReadonlyMap<number, number>,
  /** A sitting already chosen (a study keeps the one it opened round 2 with). */
  sittingId?: string,
): Promise<ImpactData | undefined> {
  const { delivery } = sources;
  const lastId = await delivery.lastClosedSitting(formId, sittingId ?? null);
  if (lastId === undefined) return undefined;
  const sitting = await sources.sittings.getSitting(db, lastId);
  if (!sitting) return undefined;
  const [choices, corrections] = await Promise.all([
    delivery.partOneChoices(formId, lastId),
    delivery.corrections(formId),
  ]);
  const itemCount = Math.max(0, ...keys.keys());
  const formItems = keys.size;
  keys = correctedKeys(keys, corrections.get(lastId) ?? []);
  const counted = keys.size;
  const matrix = await choices.matrix(itemCount);
  const sheets: ImpactSheet[] = [];
  for (let c = 0; c < choices.candidates; c++) {
    const correct = new Map<number, boolean>();
    for (const [position, key] of keys)
      correct.set(position, matrix[c * itemCount + position - 1] === key);
    sheets.push({ correct, score: [...correct.values()].filter(Boolean).length });
  }
  return {
    sittingId: sitting.id,
    sittingName: sitting.name,
    sheets,
    cutFor: (cut) => scaledCut(cut, formItems, counted),
  };
}

/** The keys with a sitting's corrections applied: re-keys replace the key, voids remove it. */
function correctedKeys(
  keys: ReadonlyMap<number, number>,
  corrections: readonly ItemCorrection[],
): Map<number, number> {
  const result = new Map(keys);
  for (const c of corrections) {
    if (c.kind === 'void') result.delete(c.position);
    else if (c.keyIndex !== null && result.has(c.position)) result.set(c.position, c.keyIndex);
  }
  return result;
}
