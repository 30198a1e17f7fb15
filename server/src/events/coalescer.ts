import { eventKey, type BusEvent } from './event-bus.js';

/** The sitting an event belongs to, or '' for one that belongs to no sitting (a sign-out). */
export function sittingOf(event: BusEvent): string {
  switch (event.kind) {
    case 'enrolment':
    case 'check-in':
    case 'incident':
    case 'integrity':
    case 'acknowledged':
    case 'room':
      return event.sittingId;
    case 'attempt':
    case 'activity':
      return event.sittingId ?? '';
    case 'session':
    case 'claim':
    case 'access':
      return '';
  }
}

/** The clock and timers a coalescer runs on (injected, so a test moves time itself). */
export interface CoalescerTimers {
  now(): number;
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: CoalescerTimers = {
  now: () => Date.now(),
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One sitting's events of one window, deduplicated, in the order they first came. */
export interface SittingWindow {
  sittingId: string;
  openedAt: number;
  events: BusEvent[];
}

interface OpenWindow {
  openedAt: number;
  events: Map<string, BusEvent>;
  timer: unknown;
}

/**
 * Coalesces events per sitting: a sitting's first event opens its window, and `windowMs` later
 * everything the window took goes out as one batch; an event that repeats one already in the
 * window (by `eventKey`) adds nothing. So a sitting is published at most once per window
 * however busy its candidates are, and a quiet sitting never waits on a busy one. Events of no
 * sitting (sign-outs, takeovers) share a window of their own.
 */
export class SittingCoalescer {
  private readonly windows = new Map<string, OpenWindow>();
  private readonly timers: CoalescerTimers;

  constructor(
    private readonly options: {
      windowMs: number;
      timers?: CoalescerTimers;
      flush(window: SittingWindow): void;
    },
  ) {
    this.timers = options.timers ?? realTimers;
  }

  add(event: BusEvent): void {
    this.windowOf(sittingOf(event), this.timers.now()).events.set(eventKey(event), event);
  }

  /** Puts back a batch that could not be sent, into its sitting's window (opened if need be). */
  restore(window: SittingWindow): void {
    const open = this.windowOf(window.sittingId, window.openedAt);
    open.openedAt = Math.min(open.openedAt, window.openedAt);
    for (const event of window.events) {
      const key = eventKey(event);
      if (!open.events.has(key)) open.events.set(key, event);
    }
  }

  /** Closes every open window now, without waiting for its time (at shutdown). */
  takeAll(): SittingWindow[] {
    const taken = [...this.windows.keys()].map((sittingId) => this.take(sittingId));
    return taken.filter((window): window is SittingWindow => window !== undefined);
  }

  /** How many sittings have a window open. */
  get openWindows(): number {
    return this.windows.size;
  }

  private windowOf(sittingId: string, openedAt: number): OpenWindow {
    let open = this.windows.get(sittingId);
    if (!open) {
      const timer = this.timers.set(() => {
        const window = this.take(sittingId);
        if (window) this.options.flush(window);
      }, this.options.windowMs);
      open = { openedAt, events: new Map(), timer };
      this.windows.set(sittingId, open);
    }
    return open;
  }

  private take(sittingId: string): SittingWindow | undefined {
    const open = this.windows.get(sittingId);
    if (!open) return undefined;
    this.windows.delete(sittingId);
    this.timers.clear(open.timer);
    return { sittingId, openedAt: open.openedAt, events: [...open.events.values()] };
  }
}
