import { describe, expect, it } from 'vitest';
import type { GradingRules } from '@exam/shared/api';
import type { StoredScores } from '../../src/db/schema/index.js';
import { agreementOf, quadraticWeightedKappa } from '../../src/modules/grading/agreement.js';
import { passingRuleFor } from '../../src/modules/grading/rules.js';
import {
  adjudicatedFinal,
  defaultTolerance,
  disagreementReasons,
  meanFinal,
  passesRule,
  totalOf,
} from '../../src/modules/grading/scoring-rules.js';

const criteria = ['c1', 'c2', 'c3', 'c4'] as const;

/** A reading with these levels for c1..c4, and no comments. */
function reading(...levels: number[]): StoredScores {
  return Object.fromEntries(criteria.map((id, i) => [id, { level: levels[i]!, comment: '' }]));
}

describe('when two readings need a third reader', () => {
  it('lets readings within one level per criterion and two in total stand', () => {
    // Totals 10 and 12: a gap of 2, and no criterion more than 1 apart.
    const reasons = disagreementReasons(
      { scores: reading(2, 2, 3, 3), flagged: false },
      { scores: reading(3, 3, 3, 3), flagged: false },
      criteria,
      defaultTolerance,
    );
    expect(reasons).toEqual([]);
  });

  it('names each criterion more than one level apart, and the total past two', () => {
    // c2 is 2 apart; totals 9 and 13 are 4 apart.
    const reasons = disagreementReasons(
      { scores: reading(2, 1, 3, 3), flagged: false },
      { scores: reading(3, 3, 3, 4), flagged: false },
      criteria,
      defaultTolerance,
    );
    expect(reasons).toEqual(['criterion:c2', 'total']);
  });

  it('sends a response either reader flagged to a third reader even when they agree', () => {
    const same = reading(3, 3, 3, 3);
    expect(
      disagreementReasons(
        { scores: same, flagged: false },
        { scores: same, flagged: true },
        criteria,
        defaultTolerance,
      ),
    ).toEqual(['flagged']);
  });

  it('applies a sitting’s own tolerance', () => {
    const reasons = disagreementReasons(
      { scores: reading(2, 2, 3, 3), flagged: false },
      { scores: reading(3, 3, 3, 3), flagged: false },
      criteria,
      { perCriterion: 0, total: 1 },
    );
    expect(reasons).toEqual(['criterion:c1', 'criterion:c2', 'total']);
  });

  it('refuses to compare a reading with a criterion left unscored', () => {
    const unfinished: StoredScores = { ...reading(3, 3, 3, 3), c4: { level: null, comment: '' } };
    expect(() => totalOf(unfinished, criteria)).toThrow('reading has no level for c4');
  });
});

describe('the final score', () => {
  it('is the mean of two agreeing readings, per criterion, halves kept', () => {
    expect(meanFinal(reading(2, 3, 3, 4), reading(3, 3, 4, 4), criteria)).toEqual({
      criteria: { c1: 2.5, c2: 3, c3: 3.5, c4: 4 },
      total: 13,
      method: 'mean',
    });
  });

  it('is the third reader’s own after a disagreement', () => {
    expect(adjudicatedFinal(reading(1, 2, 2, 3), criteria)).toEqual({
      criteria: { c1: 1, c2: 2, c3: 2, c4: 3 },
      total: 8,
      method: 'adjudicated',
    });
  });

  it('passes with every criterion at the minimum and the total reached', () => {
    const rule = { minLevelPerCriterion: 2, minTotalPerResponse: 10 };
    const final = meanFinal(reading(2, 3, 3, 2), reading(2, 3, 2, 3), criteria);
    expect(final.total).toBe(10);
    expect(passesRule(final, rule)).toBe(true);
    // One criterion at 1.5 fails the response whatever the total.
    const low = meanFinal(reading(1, 4, 4, 4), reading(2, 4, 4, 4), criteria);
    expect(low.total).toBe(13.5);
    expect(passesRule(low, rule)).toBe(false);
    // Every criterion at 2, but a total of 8 is short of 10.
    expect(passesRule(adjudicatedFinal(reading(2, 2, 2, 2), criteria), rule)).toBe(false);
  });

  it("uses the sitting's passing rule for a variant, else the rubric's", () => {
    const rubricRule = { minLevelPerCriterion: 2, minTotalPerResponse: 8 };
    const rules: GradingRules = {
      tolerancePerCriterion: 1,
      toleranceTotal: 2,
      passingRules: { policy: { minLevelPerCriterion: 3, minTotalPerResponse: 12 } },
    };
    expect(passingRuleFor(rules, 'policy', rubricRule)).toEqual({
      minLevelPerCriterion: 3,
      minTotalPerResponse: 12,
    });
    expect(passingRuleFor(rules, 'clinical', rubricRule)).toBe(rubricRule);
  });
});

describe('inter-rater agreement', () => {
  // Every level once per rater; two exact pairs and two swapped one apart.
  const pairs = [
    { mine: 1, other: 1 },
    { mine: 2, other: 2 },
    { mine: 3, other: 4 },
    { mine: 4, other: 3 },
  ];

  it("computes Cohen's quadratic weighted kappa by hand's arithmetic", () => {
    // Observed: (3-4)^2 + (4-3)^2 = 2. Expected: each of the 16 (i, j) cells holds 1*1/4 and
    // the squared gaps over a 4x4 grid sum to 40, so 10. Kappa = 1 - 2/10.
    expect(quadraticWeightedKappa(pairs)).toBeCloseTo(0.8, 10);
    expect(
      quadraticWeightedKappa([
        { mine: 1, other: 4 },
        { mine: 4, other: 1 },
      ]),
    ).toBeCloseTo(-1, 10);
  });

  it('has no kappa without pairs or when both raters used one level throughout', () => {
    expect(quadraticWeightedKappa([])).toBeNull();
    expect(
      quadraticWeightedKappa([
        { mine: 3, other: 3 },
        { mine: 3, other: 3 },
      ]),
    ).toBeNull();
  });

  it('reports exact and adjacent shares and severity', () => {
    expect(agreementOf(pairs)).toEqual({
      comparisons: 4,
      exact: 0.5,
      adjacent: 1,
      kappa: expect.closeTo(0.8, 10) as number,
      meanSeverity: 0,
    });
    // A grader one level below their partners every time is harsh by one.
    expect(
      agreementOf([
        { mine: 2, other: 3 },
        { mine: 1, other: 2 },
      ]).meanSeverity,
    ).toBe(-1);
    expect(agreementOf([])).toEqual({
      comparisons: 0,
      exact: null,
      adjacent: null,
      kappa: null,
      meanSeverity: null,
    });
  });
});
