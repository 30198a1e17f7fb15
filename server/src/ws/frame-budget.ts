/**
 * A token bucket per socket: `perSecond` frames a second on average, with room for a burst of
 * `burst` (a reconnecting client replays its whole outbox at once). A socket that keeps sending
 * faster than `perSecond` empties the bucket and is then refused; one burst is not.
 *
 * Runs on the process's monotonic clock, not the app's injectable one: it meters real traffic.
 */
export class FrameBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limits: { perSecond: number; burst: number },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.burst;
    this.last = now();
  }

  /** Spends one frame; false when the socket has been over its rate for longer than its burst allows. */
  take(): boolean {
    const now = this.now();
    const refill = ((now - this.last) / 1000) * this.limits.perSecond;
    this.tokens = Math.min(this.limits.burst, this.tokens + refill);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
