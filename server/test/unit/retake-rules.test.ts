import { describe, expect, it } from 'vitest';
import {
  addMonths,
  earliestRetakeDate,
  retakeEligibility,
  type PartHistory,
} from '../../src/modules/retakes/retake.rules.js';

const first: PartHistory = {
  sittingId: 's1',
  sittingName: 'Spring 2027',
  sittingStartsAt: new Date('2027-03-01T14:00:00.000Z'),
  partsSat: [1, 2],
  passed: { 1: true, 2: false },
  formId: 'form-a',
  vignetteSetId: 'set-a',
};
const rules = {
  retakeValidityMonths: 24,
  retakeWaitDays: 365,
  retakeMaxAttempts: 3,
  retakeRequestDays: 56,
};
const target = (startsAt: string, extra: Partial<{ formId: string; sets: string[] }> = {}) => ({
  name: 'Retake sitting',
  status: 'scheduled',
  startsAt: new Date(startsAt),
  formId: extra.formId ?? 'form-b',
  vignetteSetIds: extra.sets ?? ['set-b'],
});
const check = (
  startsAt: string,
  now: string,
  history: PartHistory[] = [first],
  extra: Parameters<typeof target>[1] = {},
  part: 1 | 2 = 2,
) =>
  retakeEligibility({
    history,
    part,
    target: target(startsAt, extra),
    rules,
    now: new Date(now),
    checkDeadline: true,
  });
const rulesBroken = (r: ReturnType<typeof check>) => r.problems.map((p) => p.rule);

describe('retake eligibility by part, inclusive on UTC instants', () => {
  it('allows a retake starting exactly when the waiting period ends', () => {
    const ok = check('2028-02-29T14:00:00.000Z', '2027-12-01T00:00:00.000Z');
    expect(ok.eligible).toBe(true);
    expect(ok.earliestDate?.toISOString()).toBe('2028-02-29T14:00:00.000Z');
    expect(rulesBroken(check('2028-02-29T13:59:59.999Z', '2027-12-01T00:00:00.000Z'))).toEqual([
      'waiting-period',
    ]);
  });

  it('keeps the passed part valid up to and including the end of the validity period', () => {
    expect(addMonths(first.sittingStartsAt, 24).toISOString()).toBe('2029-03-01T14:00:00.000Z');
    expect(check('2029-03-01T14:00:00.000Z', '2028-12-01T00:00:00.000Z').eligible).toBe(true);
    expect(rulesBroken(check('2029-03-01T14:00:00.001Z', '2028-12-01T00:00:00.000Z'))).toEqual([
      'validity',
    ]);
  });

  it('takes a request up to the deadline instant, and not after', () => {
    // 56 days before 2028-06-01T14:00Z.
    expect(check('2028-06-01T14:00:00.000Z', '2028-04-06T14:00:00.000Z').eligible).toBe(true);
    expect(rulesBroken(check('2028-06-01T14:00:00.000Z', '2028-04-06T14:00:00.001Z'))).toEqual([
      'deadline',
    ]);
  });

  it('stops at the maximum number of attempts at the part', () => {
    const again = (n: number, year: number): PartHistory => ({
      ...first,
      sittingId: `s${n}`,
      sittingStartsAt: new Date(`${year}-03-01T14:00:00.000Z`),
      partsSat: [2],
      passed: { 1: false, 2: false },
    });
    const history = [first, again(2, 2028), again(3, 2029)];
    const refused = check('2030-03-01T14:00:00.000Z', '2029-12-01T00:00:00.000Z', history);
    expect(refused.attemptsUsed).toBe(3);
    expect(rulesBroken(refused)).toContain('max-attempts');
    expect(earliestRetakeDate(history, 2, rules)).toBeNull();
  });

  it('needs the other part passed and this part failed', () => {
    const failedBoth = { ...first, passed: { 1: false, 2: false } };
    expect(
      rulesBroken(check('2028-06-01T14:00:00.000Z', '2028-01-01T00:00:00Z', [failedBoth])),
    ).toEqual(['no-pass']);
    const passedBoth = { ...first, passed: { 1: true, 2: true } };
    expect(
      rulesBroken(check('2028-06-01T14:00:00.000Z', '2028-01-01T00:00:00Z', [passedBoth])),
    ).toContain('already-passed');
  });

  it('warns which content was seen before: the same vignette set for Part Two, the form for Part One', () => {
    const same = check('2028-06-01T14:00:00.000Z', '2028-01-01T00:00:00Z', [first], {
      sets: ['set-a', 'set-c'],
    });
    expect(same.eligible).toBe(true);
    expect(same.seen).toEqual({
      formId: null,
      vignetteSetIds: ['set-a'],
      inSittings: ['Spring 2027'],
    });
    const fresh = check('2028-06-01T14:00:00.000Z', '2028-01-01T00:00:00Z');
    expect(fresh.seen.vignetteSetIds).toEqual([]);
    const partOne = { ...first, passed: { 1: false, 2: true } };
    const formSeen = check(
      '2028-06-01T14:00:00.000Z',
      '2028-01-01T00:00:00Z',
      [partOne],
      { formId: 'form-a' },
      1,
    );
    expect(formSeen.seen.formId).toBe('form-a');
  });
});
