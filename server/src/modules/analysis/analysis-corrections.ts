import type { ItemCorrection } from '../delivery/index.js';
import type { ItemAnalysis, ItemFigures, ResponseMatrix } from './item-analysis.compute.js';

/**
 * The corrections a pooled analysis applies. Each item is one column with one key, so an item is
 * pooled as corrected when every pooled sitting corrected it the same way; an item voided in any
 * sitting, or keyed differently between sittings, cannot be scored as one column for all their
 * candidates and is left out (shown as voided) rather than scored with a key some were not.
 */
export function pooledCorrections(
  bySitting: ReadonlyMap<string, readonly ItemCorrection[]>,
  sittingIds: readonly string[],
): ItemCorrection[] {
  const positions = new Set(
    sittingIds.flatMap((id) => (bySitting.get(id) ?? []).map((c) => c.position)),
  );
  return [...positions].map((position) => {
    const own = sittingIds.map((id) => bySitting.get(id)?.find((c) => c.position === position));
    const first = own[0];
    const agree = own.every((c) => c?.kind === first?.kind && c?.keyIndex === first?.keyIndex);
    if (first && agree) return first;
    return { position, kind: 'void' as const, keyIndex: null };
  });
}

/** The same matrix with only the `kept` item columns (in their order). */
export function keepColumns(matrix: ResponseMatrix, kept: readonly number[]): ResponseMatrix {
  const k = matrix.items.length;
  const choices = new Int8Array(matrix.candidates * kept.length);
  for (let c = 0; c < matrix.candidates; c++)
    for (const [j, i] of kept.entries()) choices[c * kept.length + j] = matrix.choices[c * k + i]!;
  return { candidates: matrix.candidates, items: kept.map((i) => matrix.items[i]!), choices };
}

/**
 * The item table with voided items put back in place: a voided item keeps its descriptive
 * figures (p, options, computed over all items) so the committee sees what it voided, but no
 * figure that depends on the scored total (item–rest r, alpha if deleted) and no flags.
 */
export function withVoided(
  counted: ItemAnalysis,
  kept: readonly number[],
  all: ItemAnalysis,
): ItemFigures[] {
  return all.items.map((figures, i) => {
    const j = kept.indexOf(i);
    if (j >= 0) return { ...counted.items[j]!, index: i };
    return { ...figures, itemRest: null, alphaIfDeleted: null, flags: [] };
  });
}
