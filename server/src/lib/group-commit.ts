import { recordGroupCommit } from './metrics.js';

interface Queued<Item, Outcome> {
  item: Item;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

export interface GroupCommit<Item, Outcome> {
  /** Resolves once the batch holding this item has committed, with what became of the item. */
  write(item: Item): Promise<Outcome>;
  /** Waits until every queued item has been committed or failed. */
  drain(): Promise<void>;
}

/**
 * How a writer folds an item into one still waiting in the queue: items with the same `key` may
 * be combined, and `combine` returns the one item that stands for both (or undefined: keep
 * them apart). Both writers' promises then settle with the combined item's outcome.
 */
export interface QueueMerge<Item> {
  key(item: Item): string;
  combine(waiting: Item, next: Item): Item | undefined;
}

/**
 * Group commit: items that arrive while a batch is committing wait and go together in the next
 * one, so concurrent candidates share commits (and, for a batch of reads such as the admission
 * checks of starts, share one read that begins after every item in it was asked). `commit` stores a whole batch in one statement and
 * returns each item's outcome in order; an item is resolved only after its batch committed, so an
 * acknowledgement built on it always means "in PostgreSQL". A failed batch rejects all its items.
 * With `merge`, an item may be folded into a waiting one instead of queued (see QueueMerge).
 */
export function createGroupCommit<Item, Outcome>(options: {
  /** Names the writer in the metrics (batch size, commit time). */
  name: string;
  commit(batch: Item[]): Promise<Outcome[]>;
  maxInFlight?: number;
  maxBatch?: number;
  merge?: QueueMerge<Item>;
  /**
   * How long the first item of an empty queue waits for others before its batch goes (0: to
   * the end of this turn of the event loop). For writes nobody watches the latency of (a
   * session's last seen, an attempt's connect entry), a few ms turn hundreds of one-row
   * statements a second into a few.
   */
  lingerMs?: number;
  /**
   * Linger only while items arrive faster than this (per second, over the last 100 ms window):
   * a read every request waits for (the session, the seat) lingers under a start spike, where a
   * few ms turn hundreds of statements into tens, and not for one person clicking about.
   */
  lingerAbovePerSecond?: number;
}): GroupCommit<Item, Outcome> {
  const maxInFlight = options.maxInFlight ?? 4;
  const maxBatch = options.maxBatch ?? 500;
  const { merge } = options;
  const lingerMs = options.lingerMs ?? 0;
  const arrivals = arrivalRate();
  let queue: Queued<Item, Outcome>[] = [];
  /** The queued items not yet taken into a batch, by merge key. */
  const waiting = new Map<string, Queued<Item, Outcome>>();
  let inFlight = 0;

  /** Folds `item` into the waiting item of its key, if there is one and they combine. */
  function foldIntoWaiting(
    item: Item,
    resolve: (outcome: Outcome) => void,
    reject: (error: unknown) => void,
  ): boolean {
    if (!merge) return false;
    const key = merge.key(item);
    const queued = waiting.get(key);
    const combined = queued && merge.combine(queued.item, item);
    if (!queued || combined === undefined) return false;
    const earlier = { resolve: queued.resolve, reject: queued.reject };
    queued.item = combined;
    queued.resolve = (outcome) => {
      earlier.resolve(outcome);
      resolve(outcome);
    };
    queued.reject = (error) => {
      earlier.reject(error);
      reject(error);
    };
    return true;
  }

  async function commit(batch: Queued<Item, Outcome>[]): Promise<void> {
    const started = performance.now();
    const outcomes = await options.commit(batch.map((queued) => queued.item));
    recordGroupCommit(options.name, batch.length, (performance.now() - started) / 1000);
    batch.forEach((queued, i) => queued.resolve(outcomes[i] as Outcome));
  }

  /** When the waiting items' batch may go: their first arrival plus the linger, if any. */
  let lingerUntil = 0;
  let lingerTimer: ReturnType<typeof setTimeout> | undefined;

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      // A commit that ends early does not cut the linger short: the batch still gathers.
      const wait = lingerUntil - performance.now();
      if (wait > 0) {
        lingerTimer ??= setTimeout(() => {
          lingerTimer = undefined;
          pump();
        }, wait);
        return;
      }
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      if (merge)
        for (const queued of batch) {
          const key = merge.key(queued.item);
          if (waiting.get(key) === queued) waiting.delete(key);
        }
      inFlight += 1;
      commit(batch)
        .catch((error: unknown) => {
          for (const queued of batch) queued.reject(error);
        })
        .finally(() => {
          inFlight -= 1;
          pump();
        });
    }
  }

  return {
    write(item: Item): Promise<Outcome> {
      return new Promise<Outcome>((resolve, reject) => {
        if (foldIntoWaiting(item, resolve, reject)) return;
        const queued = { item, resolve, reject };
        queue.push(queued);
        if (merge) waiting.set(merge.key(item), queued);
        // Defer to the end of this turn of the event loop, not of this callback: every socket
        // frame read in one poll phase is its own callback, so under load the items of many
        // sockets share the next batch (one round trip and one commit) instead of one each.
        const now = performance.now();
        const perSecond = arrivals.count(now);
        if (queue.length === 1) {
          const linger = lingerMs > 0 && perSecond >= (options.lingerAbovePerSecond ?? 0);
          lingerUntil = linger ? now + lingerMs : now;
          if (linger) pump();
          else setImmediate(pump);
        }
      });
    },
    async drain(): Promise<void> {
      while (queue.length > 0 || inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    },
  };
}

/** Items per second over the last whole 100 ms window (0 after a quiet one). */
function arrivalRate() {
  const WINDOW_MS = 100;
  let windowStart = Number.NEGATIVE_INFINITY;
  let inWindow = 0;
  let lastWindow = 0;
  return {
    /** Counts an arrival at `now` and returns the rate of the window before this one. */
    count(now: number): number {
      if (now - windowStart >= WINDOW_MS) {
        lastWindow = now - windowStart < 2 * WINDOW_MS ? inWindow : 0;
        windowStart = now;
        inWindow = 0;
      }
      inWindow += 1;
      return (lastWindow * 1000) / WINDOW_MS;
    },
  };
}

/**
 * Reads by id that every request waits for (a session, a seat, an admission): the ids asked
 * together go in one statement, which begins after all of them were asked, so it sees whatever
 * committed before any of them. One read at a time, lingering `lingerMs` only while more than
 * 100 a second arrive: under a sitting's opening they go a hundred to a statement instead of
 * one round trip each (issue 23), and one person's requests never wait.
 */
export function createBatchedReads<Value>(options: {
  name: string;
  /** The values of these (distinct) ids; an id it does not hold reads as undefined. */
  read(ids: string[]): Promise<ReadonlyMap<string, Value>>;
  lingerMs?: number;
}): (id: string) => Promise<Value | undefined> {
  const reads = createGroupCommit<string, Value | undefined>({
    name: options.name,
    maxInFlight: 1,
    lingerMs: options.lingerMs ?? 5,
    lingerAbovePerSecond: 100,
    commit: async (ids) => {
      const found = await options.read([...new Set(ids)]);
      return ids.map((id) => found.get(id));
    },
  });
  return (id) => reads.write(id);
}
