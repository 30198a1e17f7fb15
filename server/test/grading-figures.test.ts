import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { agreementOf, passesRule, quadraticWeightedKappa } from '../src/modules/grading/index.js';
import { toSafeCsv } from '../src/lib/csv.js';

describe('inter-rater figures', () => {
  it('computes quadratic-weighted kappa as worked by hand', () => {
    // Pairs (mine, other): (1,1) (2,2) (3,4) (4,4) (2,1). Marginals: mine 1:1 2:2 3:1 4:1,
    // other 1:2 2:1 3:0 4:2, N = 5. Observed sum of (i-j)^2 = 0+0+1+0+1 = 2. Expected sum of
    // (i-j)^2 * mine_i * other_j / N = (1*19 + 2*10 + 1*11 + 1*22) / 5 = 72 / 5 = 14.4.
    // kappa = 1 - 2 / 14.4 = 31/36.
    const pairs = [
      { mine: 1, other: 1 },
      { mine: 2, other: 2 },
      { mine: 3, other: 4 },
      { mine: 4, other: 4 },
      { mine: 2, other: 1 },
    ];
    expect(quadraticWeightedKappa(pairs)).toBeCloseTo(31 / 36, 10);
    expect(agreementOf(pairs)).toEqual({
      comparisons: 5,
      exact: 0.6,
      adjacent: 1,
      kappa: expect.closeTo(31 / 36, 10),
      meanSeverity: 0,
    });
    // Perfect agreement across levels is 1; a constant rater leaves kappa undefined.
    expect(
      quadraticWeightedKappa([
        { mine: 1, other: 1 },
        { mine: 4, other: 4 },
      ]),
    ).toBe(1);
    expect(
      quadraticWeightedKappa([
        { mine: 3, other: 3 },
        { mine: 3, other: 3 },
      ]),
    ).toBeNull();
    expect(agreementOf([{ mine: 2, other: 4 }]).meanSeverity).toBe(-2);
  });
});

describe('passing rule', () => {
  it('needs every criterion at the minimum and the total at the minimum', () => {
    const rule = { minLevelPerCriterion: 2, minTotalPerResponse: 8 };
    const final = (levels: number[]) => ({
      criteria: Object.fromEntries(levels.map((l, i) => [`c${i}`, l])),
      total: levels.reduce((a, b) => a + b, 0),
      method: 'mean' as const,
    });
    expect(passesRule(final([3, 3, 2]), rule)).toBe(true);
    expect(passesRule(final([4, 4, 1.5]), rule)).toBe(false);
    expect(passesRule(final([2.5, 2.5, 2.5]), rule)).toBe(false);
    expect(passesRule(final([2, 3, 3]), rule)).toBe(true);
  });
});

describe('CSV', () => {
  it('escapes cells a spreadsheet would run as formulas', () => {
    const csv = toSafeCsv(
      ['name', 'comment', 'score'],
      [
        ['=HYPERLINK("http://evil.example","x")', '+1', -1.5],
        ['@SUM(A1)', '-2', 3],
        ['\tlooks empty', 'line one\r\n=second line', 'plain, "quoted"'],
      ],
    );
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['name', 'comment', 'score'],
      ['\'=HYPERLINK("http://evil.example","x")', "'+1", '-1.5'],
      ["'@SUM(A1)", "'-2", '3'],
      ["'\tlooks empty", 'line one\r\n=second line', 'plain, "quoted"'],
    ]);
  });
});
