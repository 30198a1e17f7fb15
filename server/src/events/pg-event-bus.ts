import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { BusListeners, eventKey, type BusEvent, type EventBus } from './event-bus.js';

export const EVENT_CHANNEL = 'exam_events';
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; stay well under it. */
export const MAX_PAYLOAD_BYTES = 7000;
/** Events published within this window go out together (the issue asks for 100-250 ms). */
const DEFAULT_FLUSH_MS = 150;
const RECONNECT_MS = [250, 500, 1000, 2000, 5000] as const;

/** One NOTIFY: who sent it, its sequence number from that sender, when, and the events. */
interface Envelope {
  o: string;
  n: number;
  t: number;
  e: Encoded[];
}
type Encoded =
  | ['a', string]
  | ['v', string]
  | ['v', string, number]
  | ['e', string, string]
  | ['i', string, string]
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
    case 'session':
      return ['s', event.sessionId];
    case 'claim':
      return ['c', event.attemptId, event.at];
  }
}

function decode(item: Encoded): BusEvent | undefined {
  switch (item[0]) {
    case 'a':
      return { kind: 'attempt', attemptId: item[1] };
    case 'v':
      return item.length === 3
        ? { kind: 'activity', attemptId: item[1], eventId: item[2] }
        : { kind: 'activity', attemptId: item[1] };
    case 'e':
      return { kind: 'enrolment', sittingId: item[1], enrolmentId: item[2] };
    case 'i':
      return { kind: 'incident', sittingId: item[1], incidentId: item[2] };
    case 's':
      return { kind: 'session', sessionId: item[1] };
    case 'c':
      return { kind: 'claim', attemptId: item[1], at: item[2] };
    default:
      return undefined;
  }
}

/** Splits a window's events into payloads each under MAX_PAYLOAD_BYTES (ids only, so many fit). */
export function packPayloads(
  instanceId: string,
  firstSeq: number,
  at: number,
  events: readonly BusEvent[],
): string[] {
  const payloads: string[] = [];
  let items: Encoded[] = [];
  const envelope = (e: Encoded[]): string =>
    JSON.stringify({ o: instanceId, n: firstSeq + payloads.length, t: at, e } satisfies Envelope);
  for (const event of events) {
    const next = [...items, encode(event)];
    if (items.length > 0 && Buffer.byteLength(envelope(next)) > MAX_PAYLOAD_BYTES) {
      payloads.push(envelope(items));
      items = [encode(event)];
    } else items = next;
  }
  if (items.length > 0) payloads.push(envelope(items));
  return payloads;
}

export interface PgEventBusOptions {
  /** Publishes go through the pool, never inside a transaction (NOTIFY locks at commit). */
  pool: Pick<pg.Pool, 'query'>;
  /** For the dedicated LISTEN connection (a pg Client, not a pool member). */
  connectionString: string;
  flushMs?: number;
  instanceId?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * The bus across instances on one PostgreSQL: a dedicated LISTEN connection per instance, and
 * NOTIFY from the pool, outside any write transaction, once per window with every event of the
 * window (deduplicated). Each payload carries its sender's sequence number: a receiver that sees
 * a gap, or whose LISTEN connection was lost and came back, resynchronises from the tables.
 */
export function createPgEventBus(options: PgEventBusOptions): EventBus {
  const instanceId = options.instanceId ?? randomUUID();
  const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
  const log = options.log ?? (() => undefined);
  const listeners = new BusListeners((error) =>
    log('event listener failed', { error: String(error) }),
  );
  const pending = new Map<string, BusEvent>();
  const lastSeen = new Map<string, number>();
  let windowStartedAt = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let nextSeq = 1;
  let published = 0;
  let client: pg.Client | undefined;
  let stopped = true;
  let reconnects = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;

  function scheduleFlush(): void {
    if (flushTimer || stopped) return;
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      flushing = flush().finally(() => (flushing = undefined));
    }, flushMs);
    flushTimer.unref();
  }

  async function flush(): Promise<void> {
    if (pending.size === 0) return;
    const events = [...pending.values()];
    const at = windowStartedAt;
    pending.clear();
    const payloads = packPayloads(instanceId, nextSeq, at, events);
    try {
      for (const payload of payloads) {
        await options.pool.query('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, payload]);
        nextSeq += 1;
      }
    } catch (error) {
      // Not sent: kept for the next window (receivers never see a gap in our numbers for it).
      log('event publish failed', { error: String(error) });
      for (const event of events)
        if (!pending.has(eventKey(event))) pending.set(eventKey(event), event);
      windowStartedAt = at;
      scheduleFlush();
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
      const event = decode(item);
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
      if (stopped) return;
      if (pending.size === 0) windowStartedAt = Date.now();
      pending.set(eventKey(event), event);
      scheduleFlush();
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
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await flushing;
      await flush();
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
