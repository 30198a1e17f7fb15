import { describe, expect, it } from 'vitest';
import {
  clampCut,
  impliedCut,
  isOutlier,
  panelSummary,
  passRate,
  pValues,
  roundUpCut,
  zScore,
} from '../src/modules/standard-setting/index.js';
import { roundFigures } from '../src/modules/standard-setting/study-figures.js';
import { scaledCut } from '../src/modules/delivery/index.js';

describe('modified Angoff statistics (worked values)', () => {
  it("a panelist's implied cut is the sum of their ratings", () => {
    expect(impliedCut(Array.from({ length: 60 }, () => 0.8))).toBeCloseTo(48, 9);
    expect(impliedCut([0.5, 0.25, 1, 0])).toBe(1.75);
  });

  it('mean, sample SD (n - 1), SE = SD / sqrt(n), recommended cut rounded up', () => {
    // 45, 48, 51: mean 48, SD sqrt((9 + 0 + 9) / 2) = 3, SE 3 / sqrt(3) = 1.7321.
    const s = panelSummary([45, 48, 51], 60);
    expect(s.n).toBe(3);
    expect(s.mean).toBe(48);
    expect(s.sd).toBe(3);
    expect(s.se).toBeCloseTo(1.7320508, 6);
    expect(s.recommendedCut).toBe(48);
    // 44.5, 47.25, 49.1: mean 46.95, SD 2.3146274, SE 1.3363508, cut 47.
    const t = panelSummary([44.5, 47.25, 49.1], 60);
    expect(t.mean).toBeCloseTo(46.95, 9);
    expect(t.sd).toBeCloseTo(2.3146274, 6);
    expect(t.se).toBeCloseTo(1.3363508, 6);
    expect(t.recommendedCut).toBe(47);
  });

  it('rounds up, but a float sum a hair above a whole number stays on it', () => {
    expect(roundUpCut(47.01)).toBe(48);
    expect(roundUpCut(48)).toBe(48);
    expect(roundUpCut(0.1 + 0.2 + 47.7)).toBe(48); // 48.00000000000001 in floating point
  });

  it('a single panelist has no SD; nobody is an outlier', () => {
    const s = panelSummary([47.2], 60);
    expect(s).toMatchObject({ n: 1, mean: 47.2, sd: null, se: null, recommendedCut: 48 });
    expect(isOutlier(zScore(47.2, s.mean, s.sd))).toBe(false);
  });

  it('no panelists: no figures', () => {
    expect(panelSummary([], 60)).toEqual({
      n: 0,
      mean: null,
      sd: null,
      se: null,
      recommendedCut: null,
    });
  });

  it('marks panelists outside mean ± 2 SD (|z| > 2)', () => {
    // Eight panelists at 40 and 41, one at 60: mean 42.667, SD 6.5192; z(60) = 2.659.
    const cuts = [40, 41, 40, 41, 40, 41, 40, 41, 60];
    const s = panelSummary(cuts, 60);
    expect(s.sd).toBeCloseTo(6.5192024, 6);
    expect(zScore(60, s.mean, s.sd)).toBeCloseTo(2.658812, 5);
    expect(isOutlier(zScore(60, s.mean, s.sd))).toBe(true);
    expect(zScore(40, s.mean, s.sd)).toBeCloseTo(-0.409048, 5);
    expect(isOutlier(zScore(40, s.mean, s.sd))).toBe(false);
    // SD 0: everyone agrees, nobody is an outlier.
    expect(zScore(42, 42, 0)).toBeNull();
  });

  it('keeps the recommended cut within 1..items', () => {
    expect(panelSummary([0.2, 0.1], 60).recommendedCut).toBe(1);
    expect(clampCut(75, 60)).toBe(60);
  });

  it('pass rate: share of scores at or above the cut', () => {
    expect(passRate([50, 40, 48, 47], 48)).toBe(0.5);
    expect(passRate([], 48)).toBeNull();
  });

  it('p-values: share of sheets with the item right', () => {
    const sheets = [
      new Map([
        [1, true],
        [2, false],
      ]),
      new Map([
        [1, true],
        [2, true],
      ]),
      new Map([
        [1, false],
        [2, false],
      ]),
      new Map([
        [1, true],
        [2, false],
      ]),
    ];
    expect([...pValues([1, 2], sheets)]).toEqual([
      [1, 0.75],
      [2, 0.25],
    ]);
    expect(pValues([1], []).get(1)).toBeNull();
  });

  it("a round's figures count only panelists who rated every item", () => {
    const positions = [1, 2, 3, 4];
    const rate = (userId: string, values: number[]) =>
      values.map((rating, i) => ({ userId, round: 1, position: i + 1, rating }));
    const figures = roundFigures({
      round: 1,
      positions,
      panelists: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
        { id: 'c', name: 'C' },
      ],
      ratings: [
        ...rate('a', [0.5, 0.5, 0.75, 0.75]),
        ...rate('b', [1, 1, 0.5, 0.5]),
        ...rate('c', [1]),
      ],
      impactScores: [1, 2, 3, 4],
    });
    // a: 2.5, b: 3; mean 2.75, SD 0.35355, SE 0.25, cut 3, pass rate at 3 of [1..4] = 0.5.
    expect(figures.n).toBe(2);
    expect(figures.mean).toBe(2.75);
    expect(figures.sd).toBeCloseTo(0.3535534, 6);
    expect(figures.se).toBeCloseTo(0.25, 9);
    expect(figures.recommendedCut).toBe(3);
    expect(figures.passRate).toBe(0.5);
    expect(figures.panelists.map((p) => [p.userId, p.rated, p.impliedCut])).toEqual([
      ['a', 4, 2.5],
      ['b', 4, 3],
      ['c', 1, null],
    ]);
  });
});

describe('voided items keep the cut as a proportion', () => {
  it('48 of 60 becomes 48 of 59 (80% of 59 = 47.2, rounded up) and 47 of 58 (46.4)', () => {
    expect(scaledCut(48, 60, 60)).toBe(48);
    expect(scaledCut(48, 60, 59)).toBe(48);
    expect(scaledCut(48, 60, 58)).toBe(47);
    expect(scaledCut(48, 60, 55)).toBe(44); // exactly 44: not rounded up past it
  });
});
