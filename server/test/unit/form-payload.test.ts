import { describe, expect, it } from 'vitest';
import type { DeliverableItem } from '../../src/modules/delivery/attempt-context.js';
import { buildFormPayload } from '../../src/modules/delivery/form-payload.js';
import { fixedForm } from '../helpers/exam-fixture.js';

/**
 * Issue 23's start spike: the form payload is built once per form version and shared by every
 * candidate's start, so its JSON must be exactly what it presents, per seed, and it must not change.
 */
const form = fixedForm();

describe('the form payload', () => {
  const tricky: DeliverableItem[] = [1, 2, 3].map((position) => ({
    position,
    stem: `A "quoted" stem\nwith a line break, a backslash \\ and ünïcödé ${position} \u2028`,
    options: ['first', 'sec"ond', 'thi\\rd', `fourth ${position}`],
    keyIndex: 1,
    shuffle: true,
    fixedOptions: [],
    domain: 'reflective-practice',
  }));

  it('writes exactly the JSON of the questions it presents, for any seed', () => {
    const payload = buildFormPayload(tricky);
    for (const seed of [0, 1, 42, 2 ** 31 - 1]) {
      expect(payload.questionsJson(seed)).toBe(JSON.stringify(payload.questions(seed)));
    }
    expect(JSON.stringify(payload.questions(7))).not.toMatch(/keyIndex|domain/);
  });

  it('derives each candidate’s option order from the seed alone, the same after a restart', () => {
    const before = buildFormPayload(form.items);
    const afterRestart = buildFormPayload(form.items);
    expect(afterRestart.questionsJson(123_456)).toBe(before.questionsJson(123_456));
    const orders = new Set([1, 2, 3, 4, 5].map((seed) => before.questionsJson(seed)));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('is immutable: a caller cannot change the shared form', () => {
    const payload = buildFormPayload(form.items);
    expect(Object.isFrozen(payload.items)).toBe(true);
    expect(Object.isFrozen(payload.items[0])).toBe(true);
  });
});
