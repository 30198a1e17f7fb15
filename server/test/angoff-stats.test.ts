import { describe, expect, it } from 'vitest';
import {
  clampCut,
  impliedCut,
  isOutlier,
  panelSummary,
  passRate,
  pValues,
  roundUpCut,
  wholeMarkCut,
  zScore,
} from '../src/modules/standard-setting/index.js';
import { leaveOneOutZ } from '../src/modules/standard-setting/angoff.stats.js';
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
    expect(isOutlier(47.2, [])).toBe(false);
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

  it('z against a panel: (cut - mean) / SD; none when SD is 0', () => {
    // Eight panelists at 40 and 41, one at 60: mean 42.667, SD 6.5192; z(60) = 2.659.
    const s = panelSummary([40, 41, 40, 41, 40, 41, 40, 41, 60], 60);
    expect(s.sd).toBeCloseTo(6.5192024, 6);
    expect(zScore(60, s.mean, s.sd)).toBeCloseTo(2.658812, 5);
    expect(zScore(42, 42, 0)).toBeNull();
  });

  it('a panel of three can show an outlier: more than 2 SDs of the others from their mean', () => {
    // 45, 46, 55. Against the whole panel (mean 48.667, SD 5.5076) z(55) is only 1.150, and no
    // panel of three can reach |z| > 2 (max (n - 1) / sqrt(n) = 1.155). Leaving 55 out: the
    // others 45, 46 have mean 45.5, SD 0.70711, so 55 is (55 - 45.5) / 0.70711 = 13.435 SDs away.
    expect(leaveOneOutZ(55, [45, 46])).toBeCloseTo(13.435029, 5);
    expect(isOutlier(55, [45, 46])).toBe(true);
    // 45 against 46, 55: mean 50.5, SD 6.36396; z = -0.864242. 46 against 45, 55: z = -0.565685.
    expect(leaveOneOutZ(45, [46, 55])).toBeCloseTo(-0.864242, 5);
    expect(isOutlier(45, [46, 55])).toBe(false);
    expect(leaveOneOutZ(46, [45, 55])).toBeCloseTo(-0.565685, 5);
    expect(isOutlier(46, [45, 55])).toBe(false);
  });

  it('exactly 2 SDs of the others away is not an outlier; a hair more is', () => {
    // Others 46, 50: mean 48, SD 2.828427; the bound is 48 ± 5.656854.
    expect(isOutlier(48 + 2 * Math.SQRT2 * 2, [46, 50])).toBe(false);
    expect(isOutlier(53.66, [46, 50])).toBe(true);
    expect(isOutlier(42.34, [46, 50])).toBe(true);
  });

  it('a large panel: the one far cut is marked, the rest are not', () => {
    // 60 against eight at 40 and 41: mean 40.5, SD 0.534522, z = 36.481160. 40 against the other
    // seven 40/41 and 60: mean 43, SD 6.886909, z = -0.435609.
    const others60 = [40, 41, 40, 41, 40, 41, 40, 41];
    expect(leaveOneOutZ(60, others60)).toBeCloseTo(36.48116, 4);
    expect(isOutlier(60, others60)).toBe(true);
    const others40 = [41, 40, 41, 40, 41, 40, 41, 60];
    expect(leaveOneOutZ(40, others40)).toBeCloseTo(-0.435609, 5);
    expect(isOutlier(40, others40)).toBe(false);
  });

  it('needs at least three panelists; others who all agree make any other cut an outlier', () => {
    expect(isOutlier(60, [40])).toBe(false);
    expect(leaveOneOutZ(60, [40])).toBeNull();
    expect(isOutlier(48, [48, 48])).toBe(false);
    expect(isOutlier(49, [48, 48])).toBe(true);
    // No SD among the others, so no finite z to show.
    expect(leaveOneOutZ(49, [48, 48])).toBeNull();
  });

  it('keeps the recommended cut within 1..items', () => {
    expect(panelSummary([0.2, 0.1], 60).recommendedCut).toBe(1);
    expect(clampCut(75, 60)).toBe(60);
  });

  it("a panelist's own cut is the whole mark reaching their expected score, within 1..items", () => {
    expect(wholeMarkCut(0, 60)).toBe(1);
    expect(wholeMarkCut(0.2, 60)).toBe(1);
    expect(wholeMarkCut(0.1 + 0.2 + 47.7, 60)).toBe(48);
    expect(wholeMarkCut(47.01, 60)).toBe(48);
    expect(wholeMarkCut(60, 60)).toBe(60);
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

  it("a round's outliers: each complete panelist against the other complete ones", () => {
    const positions = [1, 2];
    const rate = (userId: string, values: number[]) =>
      values.map((rating, i) => ({ userId, round: 2, position: i + 1, rating }));
    const figures = roundFigures({
      round: 2,
      positions,
      panelists: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id.toUpperCase() })),
      ratings: [
        ...rate('a', [0.5, 0.5]),
        ...rate('b', [0.5, 0.6]),
        ...rate('c', [1, 1]),
        ...rate('d', [0.2]),
      ],
      impactScores: null,
    });
    // a 1, b 1.1, c 2; d unfinished. c against a, b: mean 1.05, SD 0.0707107, z = 13.435.
    // a against b, c: mean 1.55, SD 0.636396, z = -0.864242.
    expect(figures.panelists.map((p) => [p.userId, p.outlier])).toEqual([
      ['a', false],
      ['b', false],
      ['c', true],
      ['d', false],
    ]);
    expect(figures.panelists[2]!.z).toBeCloseTo(13.435029, 4);
    expect(figures.panelists[0]!.z).toBeCloseTo(-0.864242, 5);
    expect(figures.panelists[3]!.z).toBeNull();
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
