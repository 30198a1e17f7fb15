import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyseItems,
  type ResponseMatrix,
} from '../src/modules/analysis/item-analysis.compute.js';

const letters = ['A', 'B', 'C', 'D'];

/** Builds a matrix from rows of letters ('-' = omitted). */
function matrixOf(rows: string[][], keys: number[], domains?: string[]): ResponseMatrix {
  return {
    candidates: rows.length,
    items: keys.map((keyIndex, i) => ({ keyIndex, domain: domains?.[i] ?? 'all' })),
    choices: Int8Array.from(rows.flat().map((cell) => letters.indexOf(cell))),
  };
}

describe('item analysis, worked by hand on 5 candidates × 4 items', () => {
  // Every key is A. Scored: c1 1111 (4), c2 1110 (3), c3 1100 (2), c4 1000 (1), c5 0000 (0).
  const rows = [
    ['A', 'A', 'A', 'A'],
    ['A', 'A', 'A', 'B'],
    ['A', 'A', 'C', '-'],
    ['A', 'B', 'B', 'B'],
    ['B', 'C', 'D', '-'],
  ];
  const analysis = analyseItems(matrixOf(rows, [0, 0, 0, 0]), 3);

  it('computes the test figures', () => {
    const { test } = analysis;
    expect(test.candidates).toBe(5);
    // Totals 4,3,2,1,0: mean 2, sum of squares 10, variance 10/4 = 2.5.
    expect(test.mean).toBe(2);
    expect(test.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect([test.min, test.max]).toEqual([0, 4]);
    // Item variances n·p(1−p)/(n−1) = .2, .3, .3, .2, sum 1; alpha = 4/3 · (1 − 1/2.5) = 0.8.
    expect(test.alpha).toBeCloseTo(0.8, 12);
    // SEM = sqrt(2.5) · sqrt(1 − 0.8) = sqrt(0.5).
    expect(test.sem).toBeCloseTo(Math.sqrt(0.5), 12);
    // Cut 3: c1 and c2 pass.
    expect(test.passRate).toBe(0.4);
    expect(test.distribution).toEqual([1, 1, 1, 1, 1]);
    // 27% of 5 = 1.35, rounded to 1 candidate in each group: c1 upper, c5 lower.
    expect(analysis.groupSize).toBe(1);
  });

  it('computes item 1: p, item–rest r, D, alpha if deleted', () => {
    const item = analysis.items[0]!;
    expect(item.p).toBe(0.8);
    // x = 1,1,1,1,0; rest = 3,2,1,0,0 (mean 1.2). Sxy = 1.2, Sxx = 0.8, Syy = 6.8.
    expect(item.itemRest).toBeCloseTo(1.2 / Math.sqrt(0.8 * 6.8), 12);
    expect(item.discrimination).toBe(1);
    // Rest variance 6.8/4 = 1.7; other items' variances .3+.3+.2 = .8; 3/2 · (1 − .8/1.7).
    expect(item.alphaIfDeleted).toBeCloseTo(1.5 * (1 - 0.8 / 1.7), 12);
    expect(item.omitRate).toBe(0);
  });

  it('computes the distractor figures of item 1 and flags the unused ones', () => {
    const [a, b, c, d] = analysis.items[0]!.options;
    expect([a!.proportion, b!.proportion, c!.proportion, d!.proportion]).toEqual([0.8, 0.2, 0, 0]);
    expect([a!.upper, a!.lower, b!.upper, b!.lower]).toEqual([1, 0, 0, 1]);
    // Chose B = 0,0,0,0,1 against rest 3,2,1,0,0: Sxy = −1.2, Sxx = 0.8, Syy = 6.8.
    expect(b!.optionRest).toBeCloseTo(-1.2 / Math.sqrt(0.8 * 6.8), 12);
    expect(c!.optionRest).toBeNull();
    const unused = analysis.items[0]!.flags.filter((f) => f.code === 'DISTRACTOR_UNUSED');
    expect(unused.map((f) => f.option)).toEqual([2, 3]);
    expect(unused[0]!.reason).toContain('Almost nobody chose distractor C');
  });

  it('counts omits and keeps them out of every option', () => {
    const item = analysis.items[3]!;
    expect(item.omitRate).toBe(0.4);
    expect(item.p).toBe(0.2);
    expect(item.options.map((o) => o.proportion)).toEqual([0.2, 0.4, 0, 0]);
  });

  it('flags a distractor that beats the key in the upper group, with its reason', () => {
    // Key B; the two strongest candidates choose A.
    const flagged = analyseItems(
      matrixOf(
        [
          ['A', 'A', 'A'],
          ['A', 'A', 'A'],
          ['B', 'A', 'B'],
          ['B', 'B', 'B'],
          ['C', 'B', 'C'],
          ['D', 'C', 'D'],
        ],
        [1, 0, 0],
      ),
      2,
    ).items[0]!;
    const codes = flagged.flags.map((f) => f.code);
    expect(codes).toContain('DISTRACTOR_BEATS_KEY_UPPER');
    expect(codes).toContain('NEGATIVE_DISCRIMINATION');
    expect(flagged.flags.find((f) => f.code === 'DISTRACTOR_BEATS_KEY_UPPER')!.reason).toMatch(
      /more candidates chose A .* than the key B/,
    );
  });
});

interface ReferenceOption {
  option: string;
  proportion: number;
  upper: number;
  lower: number;
  optionRest?: number;
}
interface Reference {
  candidates: number;
  test: {
    mean: number;
    sd: number;
    min: number;
    max: number;
    alpha: number;
    sem: number;
    groupSize: number;
  };
  domains: {
    domain: string;
    items: number;
    mean: number;
    sd: number;
    alpha: number;
    sem: number;
  }[];
  items: {
    p: number;
    rDrop: number;
    alphaIfDeleted: number;
    upperP: number;
    lowerP: number;
    omitRate: number;
    options: ReferenceOption[];
  }[];
}

describe('item analysis against R psych::alpha on 400 simulated candidates × 60 items', () => {
  const dir = new URL('../../test/reference/', import.meta.url);
  const reference = JSON.parse(
    readFileSync(new URL('item-analysis-r.json', dir), 'utf8'),
  ) as Reference;
  const [header, ...lines] = readFileSync(new URL('item-analysis-responses.csv', dir), 'utf8')
    .trim()
    .split('\n');
  const [, ...itemLines] = readFileSync(new URL('item-analysis-items.csv', dir), 'utf8')
    .trim()
    .split('\n');
  const items = itemLines.map((line) => {
    const [, key, domain] = line.split(',');
    return { keyIndex: letters.indexOf(key!), domain: domain! };
  });
  const rows = lines.map((line) => line.split(',').map((cell) => (cell === '' ? '-' : cell)));
  const analysis = analyseItems(
    {
      candidates: rows.length,
      items,
      choices: Int8Array.from(rows.flat().map((c) => letters.indexOf(c))),
    },
    48,
  );
  const close = (actual: number | null, expected: number) =>
    expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-6);

  it('reads the committed matrix', () => {
    expect(header!.split(',')).toHaveLength(60);
    expect(analysis.test.candidates).toBe(reference.candidates);
    expect(reference.candidates).toBeGreaterThanOrEqual(300);
  });

  it('matches alpha, mean, SD, SEM, min, max and the group size', () => {
    const { test } = analysis;
    close(test.alpha, reference.test.alpha);
    close(test.mean, reference.test.mean);
    close(test.sd, reference.test.sd);
    close(test.sem, reference.test.sem);
    expect([test.min, test.max]).toEqual([reference.test.min, reference.test.max]);
    expect(analysis.groupSize).toBe(reference.test.groupSize);
  });

  it('matches every item: p, r.drop, alpha if deleted, upper/lower p, omit rate', () => {
    reference.items.forEach((expected, i) => {
      const item = analysis.items[i]!;
      close(item.p, expected.p);
      close(item.itemRest, expected.rDrop);
      close(item.alphaIfDeleted, expected.alphaIfDeleted);
      close(item.upperP, expected.upperP);
      close(item.lowerP, expected.lowerP);
      close(item.omitRate, expected.omitRate);
    });
  });

  it('matches every option: proportion, upper, lower and option–rest r', () => {
    reference.items.forEach((expected, i) => {
      expected.options.forEach((option, o) => {
        const mine = analysis.items[i]!.options[o]!;
        close(mine.proportion, option.proportion);
        close(mine.upper, option.upper);
        close(mine.lower, option.lower);
        if (option.optionRest === undefined) expect(mine.optionRest).toBeNull();
        else close(mine.optionRest, option.optionRest);
      });
    });
  });

  it('matches every domain subscore: mean, SD, alpha and SEM', () => {
    for (const expected of reference.domains) {
      const mine = analysis.domains.find((d) => d.domain === expected.domain)!;
      expect(mine.items).toBe(expected.items);
      close(mine.mean, expected.mean);
      close(mine.sd, expected.sd);
      close(mine.alpha, expected.alpha);
      close(mine.sem, expected.sem);
    }
  });

  it('flags the deliberately miskeyed last item', () => {
    const codes = analysis.items[59]!.flags.map((f) => f.code);
    expect(codes).toContain('NEGATIVE_DISCRIMINATION');
    expect(codes).toContain('DISTRACTOR_BEATS_KEY_UPPER');
  });
});
