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
 * Group commit: items that arrive while a batch is committing wait and go together in the next
 * one, so concurrent candidates share commits (and, for a batch of reads such as the admission
 * checks of starts, share one read that begins after every item in it was asked). `commit` stores a whole batch in one statement and
 * returns each item's outcome in order; an item is resolved only after its batch committed, so an
 * acknowledgement built on it always means "in PostgreSQL". A failed batch rejects all its items.
 */
export function createGroupCommit<Item, Outcome>(options: {
  /** Names the writer in the metrics (batch size, commit time). */
  name: string;
  commit(batch: Item[]): Promise<Outcome[]>;
  maxInFlight?: number;
  maxBatch?: number;
}): GroupCommit<Item, Outcome> {
  const maxInFlight = options.maxInFlight ?? 4;
  const maxBatch = options.maxBatch ?? 500;
  let queue: Queued<Item, Outcome>[] = [];
  let inFlight = 0;

  async function commit(batch: Queued<Item, Outcome>[]): Promise<void> {
    const started = performance.now();
    const outcomes = await options.commit(batch.map((queued) => queued.item));
    recordGroupCommit(options.name, batch.length, (performance.now() - started) / 1000);
    batch.forEach((queued, i) => queued.resolve(outcomes[i] as Outcome));
  }

  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
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
        queue.push({ item, resolve, reject });
        // Defer to the end of this tick so items arriving together share a batch.
        if (queue.length === 1) queueMicrotask(pump);
      });
    },
    async drain(): Promise<void> {
      while (queue.length > 0 || inFlight > 0) await new Promise((r) => setTimeout(r, 5));
    },
  };
}
