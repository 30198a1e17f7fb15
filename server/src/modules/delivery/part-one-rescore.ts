import type { CompetencyDomain } from '@exam/shared/domain';
import type { DbOrTx } from '../../db/client.js';
import type { DeliverableItem } from './attempt-context.js';
import * as deliveryRepo from './delivery.repo.js';
import { correctionsOfSittingForm } from './scoring-corrections.repo.js';
import { scorePartOne, type PartOneResult, type ScorableItem } from './scoring.js';

/** A key correction of one form position for one sitting (see modules/scoring-corrections). */
export interface ItemCorrection {
  position: number;
  kind: 'rekey' | 'void';
  keyIndex: number | null;
}

/** Float products such as 48 * 59 / 60 must not round a whole number up. */
const EPSILON = 1e-9;

/**
 * The cut once items are voided: the original cut kept as a proportion of the items that still
 * count, rounded up (48 of 60 = 80%; with one voided, 80% of 59 = 47.2, so 48 of 59). Keeping
 * the raw cut would make the paper harder for everyone by the voided item; the proportion keeps
 * the standard the panel set.
 */
export function scaledCut(baseCut: number, baseTotal: number, remaining: number): number {
  if (baseTotal <= 0 || remaining === baseTotal) return baseCut;
  return Math.max(1, Math.ceil((baseCut * remaining) / baseTotal - EPSILON));
}

/** The items as corrected: re-keyed items carry their new key, voided ones leave scoring. */
export function correctedItems<T extends ScorableItem>(
  items: readonly T[],
  corrections: readonly ItemCorrection[],
): T[] {
  const byPosition = new Map(corrections.map((c) => [c.position, c]));
  return items.flatMap((item) => {
    const c = byPosition.get(item.position);
    if (!c) return [item];
    if (c.kind === 'void') return [];
    return [{ ...item, keyIndex: c.keyIndex ?? item.keyIndex }];
  });
}

/**
 * Scores Part One with the same scoring code as at close (scorePartOne), after applying the
 * sitting's corrections. `base` is the cut and item count the attempt was first scored with: the
 * cut a closed Part One was judged against never changes silently (a later adopted form cut
 * applies to later sittings only).
 */
export function scoreCorrected(
  items: readonly DeliverableItem[],
  choices: ReadonlyMap<number, number | null>,
  optionSeed: number,
  base: { cutScore: number; total: number },
  corrections: readonly ItemCorrection[],
): PartOneResult {
  const scorable = items.map((item) => ({ ...item, domain: item.domain as CompetencyDomain }));
  const counted = correctedItems(scorable, corrections);
  const cut = scaledCut(base.cutScore, base.total, counted.length);
  const result = scorePartOne(counted, choices, optionSeed, cut);
  if (corrections.length === 0) return result;
  return {
    ...result,
    baseCutScore: base.cutScore,
    baseTotal: base.total,
    corrections: corrections.map((c) => ({ position: c.position, kind: c.kind })),
  };
}

/** The base a stored result was first scored with (before any correction scaled it). */
export function baseOf(stored: Record<string, unknown> | null, fallbackCut: number, total: number) {
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    cutScore: num(stored?.baseCutScore) ?? num(stored?.cutScore) ?? fallbackCut,
    total: num(stored?.baseTotal) ?? num(stored?.total) ?? total,
  };
}

/**
 * The corrections in force for an attempt: those of its sitting for its form. The caller names
 * the sitting (enrolments belong to sittings); none is known, none apply.
 */
export async function correctionsForAttempt(
  tx: DbOrTx,
  attempt: { sittingId: string | undefined; formId: string },
): Promise<ItemCorrection[]> {
  if (attempt.sittingId === undefined) return [];
  const rows = await correctionsOfSittingForm(tx, attempt.sittingId, attempt.formId);
  return rows.map((r) => ({
    position: r.position,
    kind: r.kind === 'void' ? 'void' : 'rekey',
    keyIndex: r.keyIndex,
  }));
}

/**
 * Scores a closed Part One again from its stored answers, with its sitting's corrections and
 * its original cut, and stores the result. Returns before and after, or undefined when the part
 * is not closed (an open part is scored when it closes).
 */
export async function rescoreClosedPartOne(
  tx: DbOrTx,
  attemptId: string,
  /** The attempt's sitting, whose corrections apply (read through sittings' index). */
  sittingId: string | undefined,
  items: readonly DeliverableItem[],
  fallbackCut: number,
): Promise<{ before: PartOneResult | null; after: PartOneResult } | undefined> {
  const part = await deliveryRepo.lockPart(tx, attemptId, 1);
  if (!part?.closedAt) return undefined;
  const attempt = await deliveryRepo.findAttempt(tx, attemptId);
  if (!attempt) return undefined;
  const stored = await deliveryRepo.loadAnswers(tx, attemptId);
  const before = (part.result as PartOneResult | null) ?? null;
  const after = scoreCorrected(
    items,
    new Map(stored.map((a) => [a.position, a.choice])),
    attempt.optionSeed,
    baseOf(part.result ?? null, fallbackCut, items.length),
    await correctionsForAttempt(tx, { sittingId, formId: attempt.formId }),
  );
  await deliveryRepo.setPartResult(tx, attemptId, 1, after);
  return { before, after };
}
