import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseItems } from '../src/modules/analysis/item-analysis.compute.js';

/**
 * Item analysis at its edges against R (test/reference/item-analysis.R writes the reference from
 * item-analysis-edges.json): zero-variance and all-omitted items, one and two candidates, ties at
 * the 27% boundary, two items, negative alpha, no spread of totals. Where R cannot define a
 * figure the reference holds null, and so must the platform: never NaN, never a stand-in 0.
 */
const letters = ['A', 'B', 'C', 'D'];
const dir = new URL('../../test/reference/', import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown;

type Figure = number | null;
interface EdgeInput {
  name: string;
  keys: string;
  cut: number;
  rows: string[];
}
interface EdgeReference {
  name: string;
  candidates: number;
  test: Record<'mean' | 'sd' | 'min' | 'max' | 'alpha' | 'sem' | 'passRate', Figure> & {
    groupSize: number;
    /** psych::alpha's raw_alpha, where psych computes one (the script checks it equals alpha). */
    psychAlpha: Figure;
  };
  items: (Record<
    'p' | 'itemRest' | 'alphaIfDeleted' | 'upperP' | 'lowerP' | 'discrimination' | 'omitRate',
    Figure
  > & {
    options: Record<'proportion' | 'upper' | 'lower' | 'optionRest', Figure>[];
  })[];
}

const inputs = (read('item-analysis-edges.json') as { cases: EdgeInput[] }).cases;
const references = (read('item-analysis-edges-r.json') as { cases: EdgeReference[] }).cases;

/** Equal within 1e-6, or both null (undefined in R). */
function same(actual: Figure | undefined, expected: Figure, what: string) {
  if (expected === null) expect(actual, what).toBeNull();
  else {
    expect(actual, what).toEqual(expect.any(Number));
    expect(Math.abs((actual as number) - expected), what).toBeLessThan(1e-6);
  }
}

describe('item analysis at the edges, against R', () => {
  it('has a reference for every committed case', () => {
    expect(references.map((r) => r.name)).toEqual(inputs.map((c) => c.name));
  });

  for (const input of inputs) {
    it(input.name, () => {
      const reference = references.find((r) => r.name === input.name)!;
      const analysis = analyseItems(
        {
          candidates: input.rows.length,
          items: [...input.keys].map((key) => ({ keyIndex: letters.indexOf(key), domain: 'all' })),
          choices: Int8Array.from(
            input.rows.flatMap((row) => [...row].map((c) => letters.indexOf(c))),
          ),
        },
        input.cut,
      );
      // The response must survive JSON: a NaN would turn into null silently, so look first.
      expect(JSON.stringify(analysis)).not.toMatch(/NaN|Infinity/);
      const { test } = analysis;
      expect(test.candidates).toBe(reference.candidates);
      expect(analysis.groupSize).toBe(reference.test.groupSize);
      for (const key of ['mean', 'sd', 'min', 'max', 'alpha', 'sem', 'passRate'] as const)
        same(test[key], reference.test[key], `test ${key}`);
      if (reference.test.psychAlpha !== null)
        same(test.alpha, reference.test.psychAlpha, 'psych raw_alpha');
      reference.items.forEach((expected, i) => {
        const item = analysis.items[i]!;
        for (const key of [
          'p',
          'itemRest',
          'alphaIfDeleted',
          'upperP',
          'lowerP',
          'discrimination',
          'omitRate',
        ] as const)
          same(item[key], expected[key], `item ${i + 1} ${key}`);
        expected.options.forEach((option, o) => {
          for (const key of ['proportion', 'upper', 'lower', 'optionRest'] as const)
            same(item.options[o]![key], option[key], `item ${i + 1} option ${letters[o]} ${key}`);
        });
      });
    });
  }
});
