import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * How an item's options may move for a candidate, as the bank stores it (QTI's `shuffle` on the
 * choice interaction and `fixed` on a choice).
 */
export interface OptionLayout {
  /** False: every candidate sees the authored order. */
  readonly shuffle: boolean;
  /** Authored indexes that keep their place while the others are shuffled ("All of the above"). */
  readonly fixedOptions: readonly number[];
}

/** Every option shuffled: what each item had before layouts were stored, and still the default. */
export const SHUFFLE_ALL: OptionLayout = Object.freeze({ shuffle: true, fixedOptions: [] });

/**
 * The order a candidate sees a question's options in, reproducible from the attempt's recorded
 * seed: `order[displayIndex] = originalIndex`. Fixed options stay at their authored index and
 * only the others are shuffled, among the places left. The shuffle walks the free options with
 * the same generator and draws as it walked all of them before layouts existed, so an item with
 * nothing fixed gets exactly the order it always had for a seed: sittings under way when this
 * shipped, and answers stored as display indexes, keep their meaning.
 */
export function optionOrder(
  seed: number,
  position: number,
  optionCount = 4,
  layout: OptionLayout = SHUFFLE_ALL,
): number[] {
  const order = Array.from({ length: optionCount }, (_, i) => i);
  if (!layout.shuffle) return order;
  const rng = xoroshiro128plus((seed ^ Math.imul(position, 0x9e3779b1)) | 0);
  // Nothing fixed, the common case: no set or second array on the start spike's path.
  if (layout.fixedOptions.length === 0) return shuffleInPlace(order, rng);
  const fixed = new Set(layout.fixedOptions);
  const free = shuffleInPlace(
    order.filter((i) => !fixed.has(i)),
    rng,
  );
  let next = 0;
  return order.map((i) => (fixed.has(i) ? i : (free[next++] as number)));
}

/** Fisher-Yates from the end, one draw per place: the draws every order has always used. */
function shuffleInPlace(list: number[], rng: ReturnType<typeof xoroshiro128plus>): number[] {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = uniformInt(rng, 0, i);
    const a = list[i] as number;
    list[i] = list[j] as number;
    list[j] = a;
  }
  return list;
}

/** An item's option order for one seed, from its position, option count and layout. */
export function itemOptionOrder(
  seed: number,
  item: OptionLayout & { position: number; options?: readonly unknown[] },
): number[] {
  return optionOrder(seed, item.position, item.options?.length ?? 4, item);
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
