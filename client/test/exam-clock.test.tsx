import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { PartClock } from '@exam/shared/protocol';
import { ExamClock } from '../src/features/exam/ExamClock';
import { timeLeft } from '../src/features/proctoring/format';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const MIN = 60_000;
/** Server and device clocks apart by an arbitrary amount, as they are in a real room. */
const SERVER_START = Date.UTC(2026, 11, 7, 14, 0, 0);
const DEVICE_START = SERVER_START - 3_217;

/**
 * The clock.update a part start sends: the server records the start at SERVER_START, stamps
 * the frame 2 ms later, and says what remains at that moment.
 */
function started(allowedMs: number, part: 1 | 2): PartClock {
  return {
    part,
    status: 'running',
    deadline: SERVER_START + allowedMs,
    remainingMs: allowedMs - 2,
    allowedMs,
  };
}

/**
 * The start's clock.update arrives (skew measured on it) and the clock mounts; 60 ms later a
 * second message (an ack, the broadcast copy of the clock) is handled, late because the main
 * thread was busy mounting the part: its serverTime is only 5 ms after the start, so the skew
 * measured on it puts the server's time behind where it really is. The clock's last tick was
 * taken at the mount, before that message arrived.
 */
function startAndSecondMessage(clock: PartClock): void {
  vi.useFakeTimers({ now: DEVICE_START, toFake: ['Date', 'setInterval', 'clearInterval'] });
  const firstSkew = SERVER_START + 2 - DEVICE_START;
  const { rerender } = render(<ExamClock clock={clock} skewMs={firstSkew} />);
  act(() => {
    vi.advanceTimersByTime(60);
  });
  const secondSkew = SERVER_START + 5 - (DEVICE_START + 60);
  rerender(<ExamClock clock={clock} skewMs={secondSkew} />);
}

const shown = () => document.querySelector('.exam-clock-time')?.textContent;

describe('the exam clock at the start of a part', () => {
  it('never shows more than Part Two allows (90 minutes)', () => {
    startAndSecondMessage(started(90 * MIN, 2));
    expect(shown()).toBe('1:30:00');
    // Once the next tick samples the time afresh it counts down from there, never ahead.
    act(() => {
      vi.advanceTimersByTime(250);
    });
    expect(shown()).toBe('1:30:00');
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(shown()).toBe('1:29:59');
  });

  it('never shows more than Part One allows either (90 minutes, extra 30 added)', () => {
    startAndSecondMessage(started(120 * MIN, 1));
    expect(shown()).toBe('2:00:00');
  });

  it('never shows more than an accommodated allowance (time and a third)', () => {
    // 90 minutes × 1.33 = 119 min 42 s.
    startAndSecondMessage(started(Math.round(90 * MIN * 1.33), 2));
    expect(shown()).toBe('1:59:42');
    expect(screen.getByText('Time left')).toBeTruthy();
  });
});

describe('the proctor view of a part just started', () => {
  it('never shows more than the part allows', () => {
    const clock = started(90 * MIN, 2);
    // A dashboard whose estimate of the server's time is 50 ms behind at the start.
    expect(timeLeft(clock, DEVICE_START, SERVER_START - 50 - DEVICE_START)).toBe('1:30:00');
  });
});
