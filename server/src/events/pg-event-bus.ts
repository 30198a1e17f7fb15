import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SittingCoalescer, type CoalescerTimers, type SittingWindow } from './coalescer.js';
import { BusListeners, type BusEvent, type EventBus } from './event-bus.js';

export const EVENT_CHANNEL = 'exam_events';
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; stay well under it. */
export const MAX_PAYLOAD_BYTES = 7000;
/** A sitting's events published within this window go out together (100-250 ms, issue 16). */
const DEFAULT_FLUSH_MS = 150;
const RECONNECT_MS = [250, 500, 1000, 2000, 5000] as const;

/**
 * One NOTIFY: who sent it, its sequence number from that sender, when its window opened, the
 * sitting (absent for events of no sitting) and the events, as ids.
 */
interface Envelope {
  o: string;
  n: number;
  t: number;
  s?: string;
  e: Encoded[];
}
type Encoded =
  | ['a', string]
  | ['v', string]
  | ['v', string, number]
  | ['e', string, string]
  | ['i', string, string]
  | ['k', string, string]
  | ['g', string, string, number]
  | ['g', string, string, number, string]
  | ['x', string]
  | ['r', string]
  | ['p']
  | ['s', string]
  | ['c', string, number];

function encode(event: BusEvent): Encoded {
  switch (event.kind) {
    case 'attempt':
      return ['a', event.attemptId];
    case 'activity':
      return event.eventId === undefined
        ? ['v', event.attemptId]
        : ['v', event.attemptId, event.eventId];
    case 'enrolment':
      return ['e', event.sittingId, event.enrolmentId];
    case 'incident':
      return ['i', event.sittingId, event.incidentId];
    case 'check-in':
      return ['k', event.sittingId, event.enrolmentId];
    case 'integrity':
      return event.reason === undefined
        ? ['g', event.sittingId, event.candidateId, event.at]
        : ['g', event.sittingId, event.candidateId, event.at, event.reason];
    case 'acknowledged':
      return ['x', event.sittingId];
    case 'room':
      return ['r', event.sittingId];
    case 'access':
      return ['p'];
    case 'session':
      return ['s', event.sessionId];
    case 'claim':
      return ['c', event.attemptId, event.at];
  }
}

function decode(item: Encoded, sittingId: string | undefined): BusEvent | undefined {
  const sitting = sittingId ? { sittingId } : {};
  switch (item[0]) {
    case 'a':
      return { kind: 'attempt', attemptId: item[1], ...sitting };
    case 'v':
      return item.length === 3
        ? { kind: 'activity', attemptId: item[1], eventId: item[2], ...sitting }
        : { kind: 'activity', attemptId: item[1], ...sitting };
    case 'e':
      return { kind: 'enrolment', sittingId: item[1], enrolmentId: item[2] };
    case 'i':
      return { kind: 'incident', sittingId: item[1], incidentId: item[2] };
    case 'k':
      return { kind: 'check-in', sittingId: item[1], enrolmentId: item[2] };
    case 'g':
      return {
        kind: 'integrity',
        sittingId: item[1],
        candidateId: item[2],
        at: item[3],
        ...(item[4] === undefined ? {} : { reason: item[4] }),
      };
    case 'x':
      return { kind: 'acknowledged', sittingId: item[1] };
    case 'r':
      return { kind: 'room', sittingId: item[1] };
    case 'p':
      return { kind: 'access' };
    case 's':
      return { kind: 'session', sessionId: item[1] };
    case 'c':
      return { kind: 'claim', attemptId: item[1], at: item[2] };
    default:
      return undefined;
  }
}

/**
 * Splits one sitting's window into payloads each under MAX_PAYLOAD_BYTES (ids only, so many
 * fit: one payload in practice). Sizes are added up item by item: measuring the whole envelope
 * again for every event made a busy window's packing quadratic (a thousand activity events per
 * window at 2,000 essay writers: 6% of the server's CPU).
 */
export function packPayloads(
  instanceId: string,
  firstSeq: number,
  at: number,
  events: readonly BusEvent[],
  sittingId = '',
): string[] {
  const payloads: string[] = [];
  const sitting = sittingId ? { s: sittingId } : {};
  const envelope = (e: Encoded[]): string =>
    JSON.stringify({
      o: instanceId,
      n: firstSeq + payloads.length,
      t: at,
      ...sitting,
      e,
    } satisfies Envelope);
  let items: Encoded[] = [];
  let bytes = Buffer.byteLength(envelope(items));
  for (const event of events) {
    const item = encode(event);
    // Its JSON, and the comma before it unless it is the first.
    const added = Buffer.byteLength(JSON.stringify(item)) + (items.length > 0 ? 1 : 0);
    if (items.length > 0 && bytes + added > MAX_PAYLOAD_BYTES) {
      payloads.push(envelope(items));
      items = [];
      bytes = Buffer.byteLength(envelope(items));
      bytes += added - 1;
    } else bytes += added;
    items.push(item);
  }
  if (items.length > 0) payloads.push(envelope(items));
  return payloads;
}

export interface PgEventBusOptions {
  /** Publishes go through the pool, never inside a transaction (NOTIFY locks at commit). */
  pool: Pick<pg.Pool, 'query'>;
  /** For the dedicated LISTEN connection (a pg Client, not a pool member). */
  connectionString: string;
  /** Each sitting's window (100-250 ms; tests may pass another). */
  flushMs?: number;
  /** The coalescer's clock and timers (tests). */
  timers?: CoalescerTimers;
  instanceId?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * The bus across instances on one PostgreSQL: a dedicated LISTEN connection per instance, and
 * NOTIFY from the pool, outside any write transaction (publishers call `publish` after their
 * commit; the NOTIFY itself is sent later, from a timer), once per sitting per window with every
 * event of that sitting's window, deduplicated (coalescer.ts). Payloads are sent one at a time
 * and each carries its sender's sequence number: a receiver that sees a gap, or whose LISTEN
 * connection was lost and came back, resynchronises from the tables.
 */
export function createPgEventBus(options: PgEventBusOptions): EventBus {
  const instanceId = options.instanceId ?? randomUUID();
  const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
  const log = options.log ?? (() => undefined);
  const listeners = new BusListeners((error) =>
    log('event listener failed', { error: String(error) }),
  );
  const lastSeen = new Map<string, number>();
  let stopped = true;
  /** NOTIFYs go out one after another, so a receiver sees our numbers in order. */
  let sending: Promise<void> = Promise.resolve();
  const coalescer = new SittingCoalescer({
    windowMs: flushMs,
    ...(options.timers ? { timers: options.timers } : {}),
    flush: (window) => {
      sending = sending.then(() => send(window));
    },
  });
  let nextSeq = 1;
  let published = 0;
  let client: pg.Client | undefined;
  let reconnects = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;

  async function send(window: SittingWindow): Promise<void> {
    if (window.events.length === 0) return;
    const payloads = packPayloads(
      instanceId,
      nextSeq,
      window.openedAt,
      window.events,
      window.sittingId,
    );
    try {
      for (const payload of payloads) {
        await options.pool.query('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, payload]);
        nextSeq += 1;
      }
    } catch (error) {
      // Not sent: kept for the sitting's next window (receivers see no gap in our numbers for it).
      log('event publish failed', { error: String(error) });
      if (!stopped) coalescer.restore(window);
    }
  }

  function receive(message: pg.Notification): void {
    if (message.channel !== EVENT_CHANNEL || !message.payload) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message.payload) as Envelope;
    } catch {
      return;
    }
    if (envelope.o === instanceId) return;
    const previous = lastSeen.get(envelope.o);
    lastSeen.set(envelope.o, envelope.n);
    for (const item of envelope.e) {
      const event = decode(item, envelope.s);
      if (event) listeners.deliver(event, 'remote');
    }
    listeners.lag(Math.max(0, Date.now() - envelope.t));
    // A sender we heard from skipped a number: something was lost between us.
    if (previous !== undefined && envelope.n !== previous + 1) listeners.resync();
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('notification', receive);
    next.on('error', () => lose(next));
    next.on('end', () => lose(next));
    await next.connect();
    await next.query(`LISTEN ${EVENT_CHANNEL}`);
    client = next;
  }

  function lose(lost: pg.Client): void {
    if (client !== lost) return;
    client = undefined;
    lost.removeAllListeners('notification');
    lost.end().catch(() => undefined);
    if (!stopped) reconnectSoon();
  }

  function reconnectSoon(): void {
    if (reconnectTimer) return;
    const delay = RECONNECT_MS[Math.min(reconnects, RECONNECT_MS.length - 1)] ?? 5000;
    reconnects += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect().then(
        () => {
          reconnects = 0;
          log('event bus reconnected; resynchronising');
          // Anything published while we were not listening is gone: reread from the tables.
          lastSeen.clear();
          listeners.resync();
        },
        (error: unknown) => {
          log('event bus reconnect failed', { error: String(error) });
          reconnectSoon();
        },
      );
    }, delay);
    reconnectTimer.unref();
  }

  return {
    instanceId,
    publish(event) {
      published += 1;
      listeners.deliver(event, 'local');
      if (!stopped) coalescer.add(event);
    },
    subscribe: (listener) => listeners.subscribe(listener),
    onResync: (listener) => listeners.onResync(listener),
    onDelivered: (listener) => listeners.onDelivered(listener),
    get publishedCount() {
      return published;
    },
    async start() {
      stopped = false;
      await connect();
    },
    async stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      // What the open windows hold goes out now, after whatever is being sent.
      for (const window of coalescer.takeAll()) sending = sending.then(() => send(window));
      await sending;
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
