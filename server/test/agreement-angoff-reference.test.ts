import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agreementOf } from '../src/modules/grading/agreement.js';
import { roundFigures, type RatingFact } from '../src/modules/standard-setting/study-figures.js';

/**
 * Rater agreement (quadratic weighted kappa, exact, adjacent, severity) and the Angoff panel
 * figures against R: test/reference/agreement-angoff.R reads agreement-angoff.json and writes
 * agreement-angoff-r.json (psych::cohen.kappa with levels = 1:4; mean, sd, ceiling). A figure R
 * leaves undefined is null there and must be null here.
 */
const dir = new URL('../../test/reference/', import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as unknown;

type Figure = number | null;
interface Input {
  kappa: { name: string; pairs: [number, number][] }[];
  angoff: { name: string; ratings: (number | null)[][] }[];
}
interface Reference {
  kappa: {
    name: string;
    comparisons: number;
    exact: number;
    adjacent: number;
    meanSeverity: number;
    weightedKappa: Figure;
  }[];
  angoff: {
    name: string;
    n: number;
    mean: number;
    sd: Figure;
    se: Figure;
    recommendedCut: number;
    impliedCuts: Figure[];
    z: Figure[];
  }[];
}

const input = read('agreement-angoff.json') as Input;
const reference = read('agreement-angoff-r.json') as Reference;

function same(actual: Figure | undefined, expected: Figure, what: string) {
  if (expected === null) expect(actual, what).toBeNull();
  else {
    expect(actual, what).toEqual(expect.any(Number));
    expect(Math.abs((actual as number) - expected), what).toBeLessThan(1e-6);
  }
}

describe('agreement against psych::cohen.kappa', () => {
  it('has a reference for every case', () => {
    expect(reference.kappa.map((k) => k.name)).toEqual(input.kappa.map((k) => k.name));
  });
  for (const [index, { name, pairs }] of input.kappa.entries()) {
    it(name, () => {
      const expected = reference.kappa[index]!;
      const a = agreementOf(pairs.map(([mine, other]) => ({ mine, other })));
      expect(a.comparisons).toBe(expected.comparisons);
      same(a.exact, expected.exact, 'exact');
      same(a.adjacent, expected.adjacent, 'adjacent');
      same(a.meanSeverity, expected.meanSeverity, 'severity');
      same(a.kappa, expected.weightedKappa, 'quadratic weighted kappa');
    });
  }
});

describe('Angoff panel figures against R', () => {
  it('has a reference for every case', () => {
    expect(reference.angoff.map((a) => a.name)).toEqual(input.angoff.map((a) => a.name));
  });
  for (const [index, { name, ratings }] of input.angoff.entries()) {
    it(name, () => {
      const expected = reference.angoff[index]!;
      const positions = ratings[0]!.map((_, i) => i + 1);
      const panelists = ratings.map((_, p) => ({ id: `p${p}`, name: `Panelist ${p}` }));
      const facts: RatingFact[] = ratings.flatMap((row, p) =>
        row.flatMap((rating, i) =>
          rating === null ? [] : [{ userId: `p${p}`, round: 1, position: i + 1, rating }],
        ),
      );
      const round = roundFigures({
        round: 1,
        positions,
        panelists,
        ratings: facts,
        impactScores: null,
      });
      expect(round.n).toBe(expected.n);
      same(round.mean, expected.mean, 'mean');
      same(round.sd, expected.sd, 'sd');
      same(round.se, expected.se, 'se');
      expect(round.recommendedCut).toBe(expected.recommendedCut);
      round.panelists.forEach((p, i) => {
        same(p.impliedCut, expected.impliedCuts[i]!, `cut of panelist ${i}`);
        same(p.z, expected.z[i]!, `z of panelist ${i}`);
      });
    });
  }
});
