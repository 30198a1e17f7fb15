/**
 * Reads kept for one later use within `freshMs`: when one request's check reads a row that the
 * next message of the same client reads again a moment later, the second takes the first's
 * read instead of a round trip. Two generations swapped every `freshMs` bound the memory (an
 * entry never taken is gone within two windows) without a timer per entry.
 */
export function createRecentReads<Value>(freshMs: number) {
  let current = new Map<string, { at: number; value: Promise<Value> }>();
  let previous = new Map<string, { at: number; value: Promise<Value> }>();
  let rotatedAt = 0;

  function rotate(now: number): void {
    if (now - rotatedAt < freshMs) return;
    previous = now - rotatedAt < 2 * freshMs ? current : new Map();
    current = new Map();
    rotatedAt = now;
  }

  return {
    put(key: string, now: number, value: Promise<Value>): void {
      rotate(now);
      // A failed read is not kept for anyone to take.
      value.catch(() => undefined);
      current.set(key, { at: now, value });
    },

    /** The read kept for `key` if it is fresh, once; undefined otherwise (or if it failed). */
    async take(key: string, now: number): Promise<Value | undefined> {
      rotate(now);
      const entry = current.get(key) ?? previous.get(key);
      current.delete(key);
      previous.delete(key);
      if (!entry || now - entry.at >= freshMs) return undefined;
      try {
        return await entry.value;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Reads shared by every caller for `freshMs`: the first caller's read (in flight or done)
 * serves the others until it is that old, then the next caller reads again. For rows that
 * change rarely and whose staleness the caller has bounded, read by every candidate when a
 * sitting opens (a form's cut, a sitting's vignette sets). A failed read is forgotten; the
 * entries are bounded by dropping stale ones when there are many.
 */
export function createFreshReads<Value>(freshMs: number) {
  const kept = new Map<string, { at: number; value: Promise<Value> }>();

  return {
    read(key: string, now: number, load: () => Promise<Value>): Promise<Value> {
      const entry = kept.get(key);
      if (entry && now - entry.at < freshMs) return entry.value;
      if (kept.size > 100) for (const [k, v] of kept) if (now - v.at >= freshMs) kept.delete(k);
      const value = load();
      const fresh = { at: now, value };
      kept.set(key, fresh);
      value.catch(() => {
        if (kept.get(key) === fresh) kept.delete(key);
      });
      return value;
    },

    /** The next read of `key` goes to the database (this instance changed it). */
    forget(key: string): void {
      kept.delete(key);
    },
  };
}
