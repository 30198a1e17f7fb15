/**
 * What one instance tells the others. Ids only: a receiver reads the details from the tables,
 * so an event can never carry a stale or forged state, and a payload stays far under
 * PostgreSQL's 8,000-byte NOTIFY limit.
 */
export type BusEvent =
  /**
   * An attempt's clock, parts or admission changed: reread it and tell its screen. The sitting,
   * when the publisher knows it, only decides which window the event is coalesced in.
   */
  | { kind: 'attempt'; attemptId: string; sittingId?: string }
  /** A candidate saved (no eventId) or connected/dropped (the attempt_events row). */
  | { kind: 'activity'; attemptId: string; eventId?: number; sittingId?: string }
  /** A proctor acted on an enrolment (admission may have made no attempt yet). */
  | { kind: 'enrolment'; sittingId: string; enrolmentId: string }
  /** A candidate's identity check-in changed (evidence added, a decision): dashboards reread it. */
  | { kind: 'check-in'; sittingId: string; enrolmentId: string }
  /** A proctor recorded an incident in a sitting: dashboards elsewhere read it by id. */
  | { kind: 'incident'; sittingId: string; incidentId: string }
  /**
   * A candidate's request was refused by the Safe Exam Browser check at `at` (epoch ms, on the
   * refusing instance's clock, so every instance raises the same alert, with the same id).
   */
  | {
      kind: 'integrity';
      sittingId: string;
      candidateId: string;
      at: number;
      /** Which check failed (seb.plugin.ts's words), for the alert's message. */
      reason?: string;
    }
  /** The whole room was paused or resumed: dashboards reread the sitting's room pause. */
  | { kind: 'room'; sittingId: string }
  /** A proctor acknowledged alerts of a sitting: dashboards reread which are acknowledged. */
  | { kind: 'acknowledged'; sittingId: string }
  /** Someone's roles or a sitting's proctors changed: dashboards check their access again. */
  | { kind: 'access' }
  /** A sign-in session was revoked (logout, re-login): close its sockets everywhere. */
  | { kind: 'session'; sessionId: string }
  /**
   * A socket on the publishing instance took this attempt over at `at` (epoch ms, fractional):
   * a holder elsewhere that claimed it earlier gives way; one that claimed it later stays.
   */
  | { kind: 'claim'; attemptId: string; at: number };

/** `local`: published by this instance; `remote`: another instance published it. */
export type EventOrigin = 'local' | 'remote';
export type BusListener = (event: BusEvent, origin: EventOrigin) => void;

/**
 * The cross-instance event bus. `publish` delivers to this instance's listeners at once and to
 * every other instance soon after (coalesced); after a gap (a reconnect of the listening
 * connection, a lost sequence number) `onResync` listeners reread what they show from the
 * tables, since events may have been missed.
 */
export interface EventBus {
  /** This process's identity among the instances (also its heartbeat key). */
  readonly instanceId: string;
  publish(event: BusEvent): void;
  subscribe(listener: BusListener): () => void;
  onResync(listener: () => void): () => void;
  /** Observer for metrics: the delay from publish on another instance to delivery here. */
  onDelivered(listener: (lagMs: number) => void): () => void;
  /** Events this instance has published (metrics). */
  readonly publishedCount: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The key two events share when one of them makes the other redundant within a window. */
export function eventKey(event: BusEvent): string {
  switch (event.kind) {
    case 'attempt':
    case 'claim':
      return `${event.kind}:${event.attemptId}`;
    case 'activity':
      return `activity:${event.attemptId}:${event.eventId ?? ''}`;
    case 'enrolment':
      return `enrolment:${event.enrolmentId}`;
    case 'check-in':
      return `check-in:${event.enrolmentId}`;
    case 'incident':
      return `incident:${event.incidentId}`;
    case 'integrity':
      return `integrity:${event.sittingId}:${event.candidateId}`;
    case 'acknowledged':
      return `acknowledged:${event.sittingId}`;
    case 'room':
      return `room:${event.sittingId}`;
    case 'access':
      return 'access';
    case 'session':
      return `session:${event.sessionId}`;
  }
}

/** Listener sets shared by both buses; a throwing listener never stops the others. */
export class BusListeners {
  private readonly listeners = new Set<BusListener>();
  private readonly resyncs = new Set<() => void>();
  private readonly delivered = new Set<(lagMs: number) => void>();

  constructor(private readonly onError: (error: unknown) => void) {}

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onResync(listener: () => void): () => void {
    this.resyncs.add(listener);
    return () => this.resyncs.delete(listener);
  }

  onDelivered(listener: (lagMs: number) => void): () => void {
    this.delivered.add(listener);
    return () => this.delivered.delete(listener);
  }

  deliver(event: BusEvent, origin: EventOrigin): void {
    for (const listener of this.listeners) this.guard(() => listener(event, origin));
  }

  resync(): void {
    for (const listener of this.resyncs) this.guard(listener);
  }

  lag(ms: number): void {
    for (const listener of this.delivered) this.guard(() => listener(ms));
  }

  private guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.onError(error);
    }
  }
}

/**
 * The embedded database serves one process: the bus is this process's listeners, with the same
 * interface the PostgreSQL bus offers, so the code above it does not know which it has.
 */
export function createInProcessBus(
  options: { instanceId?: string; onError?: (error: unknown) => void } = {},
): EventBus {
  const listeners = new BusListeners(options.onError ?? (() => undefined));
  let published = 0;
  return {
    instanceId: options.instanceId ?? 'embedded',
    publish(event) {
      published += 1;
      listeners.deliver(event, 'local');
    },
    subscribe: (listener) => listeners.subscribe(listener),
    onResync: (listener) => listeners.onResync(listener),
    onDelivered: (listener) => listeners.onDelivered(listener),
    get publishedCount() {
      return published;
    },
    start: async () => undefined,
    stop: async () => undefined,
  };
}
