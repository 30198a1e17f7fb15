import { describe, expect, it } from 'vitest';
import { emptySet, setInputOf, type SetDraft } from '../src/features/vignettes/vignette-draft';

/** A set that passes every check but the one a test changes. */
function complete(): SetDraft {
  const draft = emptySet();
  return {
    ...draft,
    title: 'Clinical set',
    vignettes: draft.vignettes.map((v, i) => ({
      ...v,
      title: `Vignette ${i + 1}`,
      caseText: 'A case.',
      prompts: 'A prompt?',
      domains: ['reflection'],
    })),
  };
}

describe('the vignette set form', () => {
  it('takes a complete set', () => {
    expect(setInputOf(complete()).ok).toBe(true);
  });

  it.each([
    ['', 'Set: Candidates answer at least one vignette: give the number to answer.'],
    ['0', 'Set: Candidates answer at least one vignette: give the number to answer.'],
    ['1.5', 'Set: Give the number of vignettes to answer as a whole number.'],
    ['7', 'Set: Candidates answer at most six vignettes.'],
    ['4', 'Set: Candidates cannot answer more vignettes than the set has.'],
  ])('says in words what is wrong with %j vignettes to answer', (requiredCount, problem) => {
    expect(setInputOf({ ...complete(), requiredCount })).toEqual({ ok: false, problem });
  });
});
