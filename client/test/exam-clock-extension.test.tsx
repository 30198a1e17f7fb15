import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { PartClock } from '@exam/shared/protocol';
import { ExamClock } from '../src/features/exam/ExamClock';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 7, 15, 0, 0);

const running = (remainingMs: number): PartClock => ({
  part: 1,
  status: 'running',
  deadline: NOW + remainingMs,
  remainingMs,
  allowedMs: 90 * MIN,
});

/**
 * The clock's warnings (15, 5 and 1 minutes) are said once each, but once per approach to the
 * end: after a proctor adds time the candidate is warned again as the new end comes near.
 */
describe('the clock warns again after the proctor adds time', () => {
  it('says "5 minutes" again when the extended time runs down to 5 minutes', () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { rerender } = render(<ExamClock clock={running(4.5 * MIN)} skewMs={0} />);
    const said = () => screen.getByRole('status').textContent;
    expect(said()).toBe('5 minutes remaining in Part 1.');

    // Ten minutes more, given at 4:30: 14:30 left.
    rerender(<ExamClock clock={running(14.5 * MIN)} skewMs={0} />);
    expect(said()).toBe('15 minutes remaining in Part 1.');
    act(() => {
      vi.advanceTimersByTime(10 * MIN);
    });
    expect(said()).toBe('5 minutes remaining in Part 1.');
  });
});
