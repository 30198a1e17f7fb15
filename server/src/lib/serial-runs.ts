/**
 * One run at a time, and never a request missed. Asking while a run is under way queues one
 * more run after it, shared by everyone who asks meanwhile, with the union of what they asked
 * for: a change committed during a run is seen by the next one, however many asked.
 */
export function serialRuns<Reason extends string>(
  run: (asked: ReadonlySet<Reason>) => Promise<void>,
) {
  let running: Promise<void> | undefined;
  let queued:
    { asked: Set<Reason>; run: Promise<void>; adopt: (run: Promise<void>) => void } | undefined;

  function begin(asked: ReadonlySet<Reason>): Promise<void> {
    const current = run(asked).finally(() => {
      // Handed over in this same callback, so nobody can start a run in between.
      const next = queued;
      queued = undefined;
      running = next ? begin(next.asked) : undefined;
      if (next && running) next.adopt(running);
    });
    running = current;
    return current;
  }

  return {
    /** Runs now, or once after the run under way; resolves or rejects as that run does. */
    ask(reason: Reason): Promise<void> {
      if (!running) return begin(new Set([reason]));
      if (!queued) {
        let adopt: (run: Promise<void>) => void = () => undefined;
        const next = new Promise<void>((resolve) => {
          adopt = resolve;
        });
        queued = { asked: new Set(), run: next, adopt };
      }
      queued.asked.add(reason);
      return queued.run;
    },

    /** The run under way or queued, if any. */
    get current(): Promise<void> | undefined {
      return queued?.run ?? running;
    },
  };
}
