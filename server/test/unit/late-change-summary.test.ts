import { describe, expect, it } from 'vitest';
import type { DeliverableItem } from '../../src/modules/delivery/attempt-context.js';
import { lateChangeSummary } from '../../src/modules/delivery/late-change-summary.js';
import { itemOptionOrder } from '../../src/modules/delivery/option-order.js';

const item = (position: number, layout: Pick<DeliverableItem, 'shuffle' | 'fixedOptions'>) => ({
  position,
  stem: `Question ${position}`,
  options: ['one', 'two', 'three', 'four'],
  keyIndex: 0,
  domain: 'communicating',
  ...layout,
});
/** Question 2 shuffled; question 3 keeps its last option in place; question 4 is not shuffled. */
const attempt = {
  optionSeed: 5,
  items: [
    item(2, { shuffle: true, fixedOptions: [] }),
    item(3, { shuffle: true, fixedOptions: [3] }),
    item(4, { shuffle: false, fixedOptions: [] }),
  ],
};
const answer = (position: number, choice: number | null, flagged = false) =>
  lateChangeSummary({ kind: 'answer', position, payload: { choice, flagged } }, attempt);

describe('a held answer, in words a coordinator checks against the item bank', () => {
  it('names the authored option, and the letter the candidate saw where their order differed', () => {
    // What the candidate saw at A, B, C, D was the bank's D, B, C, A (seed 5, question 2).
    expect(itemOptionOrder(5, attempt.items[0]!)).toEqual([3, 1, 2, 0]);
    expect(answer(2, 0)).toBe('Question 2: option D (shown to the candidate as A)');
    expect(answer(2, 3, true)).toBe('Question 2: option A (shown to the candidate as D) (flagged)');
    // Shuffled, yet B landed where it was written: one letter is the whole truth.
    expect(answer(2, 1)).toBe('Question 2: option B');
    expect(answer(2, null)).toBe('Question 2: answer cleared');
  });

  it('says one letter for a fixed option or an unshuffled item', () => {
    expect(itemOptionOrder(5, attempt.items[1]!)).toEqual([1, 2, 0, 3]);
    expect(answer(3, 3)).toBe('Question 3: option D');
    expect(answer(3, 0)).toBe('Question 3: option B (shown to the candidate as A)');
    expect(answer(4, 1)).toBe('Question 4: option B');
  });

  it('says only the letter shown for a question not on the form, rather than guess', () => {
    expect(answer(9, 1)).toBe('Question 9: the option shown to the candidate as B');
  });

  it('words drafts and vignette choices as before', () => {
    expect(
      lateChangeSummary({ kind: 'draft', position: 1, payload: { words: 312 } }, attempt),
    ).toBe('Vignette 1: response of 312 words');
    expect(
      lateChangeSummary({ kind: 'choice', position: 0, payload: { chosen: [1, 3] } }, attempt),
    ).toBe('Vignettes chosen: 1 and 3');
  });
});
