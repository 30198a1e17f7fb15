import { describe, expect, it } from 'vitest';
import { errorCodeList } from '@exam/shared/errors';
import { refusalOutcome } from '../src/features/exam/refusals';

describe('what the exam client does with a refused change', () => {
  it('drops only what can never be stored', () => {
    const dropped = errorCodeList.filter((code) => refusalOutcome(code) === 'drop');
    // The three tools codes refuse a tool state that no retry can make valid (the notes pad
    // stops at its cap before the server would refuse it); an answer or essay is never dropped.
    expect(dropped.sort()).toEqual([
      'DEADLINE_PASSED',
      'NOTE_TOO_LONG',
      'PART_CLOSED',
      'TOOLS_INVALID',
      'TOO_MANY_HIGHLIGHTS',
      'UNKNOWN_QUESTION',
      'UNKNOWN_VIGNETTE',
    ]);
  });

  it('renumbers a reused sequence number and holds a refused essay', () => {
    expect(refusalOutcome('SEQ_REUSED')).toBe('renumber');
    expect(refusalOutcome('ESSAY_TOO_DEEP')).toBe('hold');
    expect(refusalOutcome('ESSAY_UNSAFE_URL')).toBe('hold');
    const held = errorCodeList.filter((code) => refusalOutcome(code) === 'hold');
    expect(held.every((code) => code.startsWith('ESSAY_'))).toBe(true);
    expect(held).toHaveLength(13);
  });

  it('keeps and retries a change refused for now, or with a code from a newer server', () => {
    expect(refusalOutcome('PART_PAUSED')).toBe('retry');
    expect(refusalOutcome('PART_NOT_STARTED')).toBe('retry');
    expect(refusalOutcome('UNKNOWN_ERROR')).toBe('retry');
    expect(refusalOutcome('TOO_MANY_LATE_CHANGES')).toBe('retry');
  });
});
