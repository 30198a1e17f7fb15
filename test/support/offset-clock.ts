import type { Clock } from '../../server/src/lib/clock.js';

/**
 * Real time plus an offset a test can move forward: the server's clock jumps (to just before a
 * deadline, or past it) while the browser's runs on, and the exam client follows the server
 * through the skew it measures on every message, as it would after a laptop slept.
 */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Moves the server's time so that it reads `at` now. */
  setNow(at: number): void {
    this.offsetMs = at - Date.now();
  }
}
