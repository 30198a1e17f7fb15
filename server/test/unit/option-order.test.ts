import fc from 'fast-check';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import {
  itemOptionOrder,
  optionOrder,
  SHUFFLE_ALL,
} from '../../src/modules/delivery/option-order.js';
import { scorePartOne, type ScorableItem } from '../../src/modules/delivery/scoring.js';

/**
 * optionOrder as it was before items could keep options in place, copied verbatim: sittings
 * under way store display indexes that mean what this order says.
 */
function orderBeforeLayouts(seed: number, position: number, optionCount = 4): number[] {
  const rng = xoroshiro128plus((seed ^ Math.imul(position, 0x9e3779b1)) | 0);
  const order = Array.from({ length: optionCount }, (_, i) => i);
  for (let i = optionCount - 1; i > 0; i -= 1) {
    const j = uniformInt(rng, 0, i);
    const a = order[i] as number;
    order[i] = order[j] as number;
    order[j] = a;
  }
  return order;
}

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
/**
 * Seeds as attempts get them (randomSeed: spread over 31 bits). Not 0, 1, 2...: this generator's
 * first draws from neighbouring small seeds follow their low bits, which real seeds never are.
 */
function attemptSeeds(count: number): number[] {
  const rng = xoroshiro128plus(20261122);
  return Array.from({ length: count }, () => uniformInt(rng, 0, 2 ** 31 - 1));
}
const positions = fc.integer({ min: 1, max: 200 });
/** Every subset of {0,1,2,3} that leaves at least one option to move. */
const fixedSets = [[0], [1], [2], [3], [0, 3], [1, 2], [0, 1, 2], [3, 1], [2, 0, 3]] as const;

describe('option order', () => {
  it('is the same as before for an item with nothing fixed, for every seed and position', () => {
    fc.assert(
      fc.property(seeds, positions, (seed, position) => {
        const before = orderBeforeLayouts(seed, position);
        expect(optionOrder(seed, position)).toEqual(before);
        expect(optionOrder(seed, position, 4, SHUFFLE_ALL)).toEqual(before);
        expect(itemOptionOrder(seed, { position, shuffle: true, fixedOptions: [] })).toEqual(
          before,
        );
      }),
      { numRuns: 5000 },
    );
    // The seeds and positions real attempts have: every position of a 60-item form.
    for (const seed of [0, 1, 424242, 2 ** 31 - 1, 1_234_567_890])
      for (let position = 1; position <= 60; position += 1)
        expect(optionOrder(seed, position)).toEqual(orderBeforeLayouts(seed, position));
  });

  it('keeps fixed options at their authored index and shuffles the rest, over many seeds', () => {
    for (const fixedOptions of fixedSets) {
      const layout = { shuffle: true, fixedOptions };
      const free = [0, 1, 2, 3].filter((i) => !(fixedOptions as readonly number[]).includes(i));
      // Where each free option was shown, over the seeds: every free slot must be reached.
      const seen = new Map(free.map((o) => [o, new Set<number>()]));
      for (const [n, seed] of attemptSeeds(2000).entries()) {
        const order = optionOrder(seed, 1 + (n % 60), 4, layout);
        expect([...order].sort()).toEqual([0, 1, 2, 3]);
        for (const f of fixedOptions) expect(order[f]).toBe(f);
        order.forEach((original, display) => seen.get(original)?.add(display));
      }
      for (const o of free) expect([...seen.get(o)!].sort()).toEqual(free);
    }
  });

  it('gives a candidate the same order every time (a reconnect reads it again)', () => {
    fc.assert(
      fc.property(seeds, positions, fc.constantFrom(...fixedSets), (seed, position, fixed) => {
        const item = { position, shuffle: true, fixedOptions: fixed };
        expect(itemOptionOrder(seed, item)).toEqual(itemOptionOrder(seed, { ...item }));
      }),
    );
  });

  it('leaves the authored order alone when the item is not shuffled', () => {
    fc.assert(
      fc.property(seeds, positions, (seed, position) => {
        expect(optionOrder(seed, position, 4, { shuffle: false, fixedOptions: [] })).toEqual([
          0, 1, 2, 3,
        ]);
        expect(optionOrder(seed, position, 4, { shuffle: false, fixedOptions: [3] })).toEqual([
          0, 1, 2, 3,
        ]);
      }),
    );
  });
});

describe('Part One scoring with options kept in place', () => {
  // Position 1: "All of the above" is D, fixed, and the key. Position 2: A and D fixed, key B.
  // Position 3: not shuffled, key C. Position 4: shuffled whole, key A.
  const items: ScorableItem[] = [
    { position: 1, keyIndex: 3, domain: 'thinking', shuffle: true, fixedOptions: [3] },
    { position: 2, keyIndex: 1, domain: 'thinking', shuffle: true, fixedOptions: [0, 3] },
    { position: 3, keyIndex: 2, domain: 'reflection', shuffle: false, fixedOptions: [] },
    { position: 4, keyIndex: 0, domain: 'reflection', ...SHUFFLE_ALL },
  ];
  const shownAt = (seed: number, item: ScorableItem, original: number) =>
    itemOptionOrder(seed, item).indexOf(original);

  it('scores the key wherever this candidate was shown it, and nothing else, over many seeds', () => {
    let differsFromAllShuffled = 0;
    for (const seed of attemptSeeds(500)) {
      const right = new Map(
        items.map((item) => [item.position, shownAt(seed, item, item.keyIndex)]),
      );
      expect(right.get(1)).toBe(3);
      expect(right.get(3)).toBe(2);
      expect(scorePartOne(items, right, seed, 4)).toMatchObject({ correct: 4, passed: true });
      const wrong = new Map(
        items.map((item) => [item.position, shownAt(seed, item, (item.keyIndex + 1) % 4)]),
      );
      expect(scorePartOne(items, wrong, seed, 4)).toMatchObject({ correct: 0, passed: false });
      // Read through the all-shuffled order, the same choices would often score differently.
      if (
        items.some(
          (item) => optionOrder(seed, item.position)[right.get(item.position)!] !== item.keyIndex,
        )
      )
        differsFromAllShuffled += 1;
    }
    expect(differsFromAllShuffled).toBeGreaterThan(400);
  });
});
