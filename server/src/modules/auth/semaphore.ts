/**
 * A counting semaphore: at most `limit` tasks run at once, the others wait in arrival order.
 * `peak` records the most that ever ran together, so a test can prove the bound held.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('A semaphore needs a limit of 1+');
  }

  /** How many tasks are waiting for a slot right now. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      // The finishing task hands its slot straight to us, so `running` never dips in between and
      // a newcomer arriving meanwhile cannot slip past the queue.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    this.peak = Math.max(this.peak, this.running);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
