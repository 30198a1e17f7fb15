import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, served at `/metrics` (modules/metrics). One registry per
 * process, as Prometheus scrapes a process: the hot paths (the group commit, the exam socket's
 * acknowledgements) record through the functions below without having a registry handed down.
 * Tests that build several apps in one process read differences, never absolute values.
 */
export const metricsRegistry = new Registry();

// Event-loop lag (nodejs_eventloop_lag_seconds and its percentiles), heap, GC, handles.
collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 20 });

const acks = new Counter({
  name: 'exam_acks_total',
  help: 'Saves acknowledged to candidates (answers and drafts) after their commit; rate() gives acks/s.',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

const ackLatency = new Histogram({
  name: 'exam_ack_latency_seconds',
  help: 'From a save frame received to its acknowledgement sent (the commit included).',
  labelNames: ['kind'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

const batchSize = new Histogram({
  name: 'exam_group_commit_batch_size',
  help: 'Items stored per group-commit batch (one statement, one commit).',
  labelNames: ['writer'] as const,
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
  registers: [metricsRegistry],
});

const commitTime = new Histogram({
  name: 'exam_group_commit_seconds',
  help: 'Time to store and commit one group-commit batch.',
  labelNames: ['writer'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [metricsRegistry],
});

const sockets = new Gauge({
  name: 'exam_connected_sockets',
  help: 'Open websockets on this instance: candidates (exam) and proctors (dashboard).',
  labelNames: ['role'] as const,
  registers: [metricsRegistry],
});

const notifyLag = new Histogram({
  name: 'notify_lag_seconds',
  help: 'From an event published with NOTIFY to its delivery on this instance.',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

const sweeperLeader = new Gauge({
  name: 'sweeper_leader',
  help: '1 while this instance holds the sweeper leadership (background jobs), else 0.',
  registers: [metricsRegistry],
});
sweeperLeader.set(0);

let pool: pg.Pool | undefined;
const poolGauge = (name: string, help: string, read: (p: pg.Pool) => number) =>
  new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    collect() {
      this.set(pool ? read(pool) : 0);
    },
  });
poolGauge('pg_pool_connections', 'PostgreSQL pool: connections open.', (p) => p.totalCount);
poolGauge('pg_pool_idle', 'PostgreSQL pool: connections open and idle.', (p) => p.idleCount);
poolGauge(
  'pg_pool_waiting',
  'PostgreSQL pool: queries waiting for a connection.',
  (p) => p.waitingCount,
);

export type AckKind = 'answer' | 'draft' | 'choice';
export type SocketRole = 'candidate' | 'proctor';

// Every series exists from the start at 0, so a dashboard shows "none yet" rather than no data.
for (const kind of ['answer', 'draft', 'choice'] satisfies AckKind[]) acks.inc({ kind }, 0);
for (const role of ['candidate', 'proctor'] satisfies SocketRole[]) sockets.set({ role }, 0);

// Bound once: every acknowledgement records here, and a bound series skips hashing its labels.
const ackSeries = {
  answer: { count: acks.labels('answer'), latency: ackLatency.labels('answer') },
  draft: { count: acks.labels('draft'), latency: ackLatency.labels('draft') },
  choice: { count: acks.labels('choice'), latency: ackLatency.labels('choice') },
} satisfies Record<AckKind, unknown>;

/** A save acknowledged `seconds` after its frame arrived. */
export function recordAck(kind: AckKind, seconds: number): void {
  const series = ackSeries[kind];
  series.count.inc();
  series.latency.observe(seconds);
}

/** One group-commit batch of `size` items, committed in `seconds`. */
export function recordGroupCommit(writer: string, size: number, seconds: number): void {
  batchSize.observe({ writer }, size);
  commitTime.observe({ writer }, seconds);
}

/** Counts a websocket as connected until it closes. */
export function trackSocket(
  role: SocketRole,
  socket: { once(event: 'close', f: () => void): unknown },
): void {
  sockets.inc({ role });
  socket.once('close', () => sockets.dec({ role }));
}

/** The PostgreSQL pool whose use is reported (the embedded database has none). */
export function watchPool(watched: pg.Pool | undefined): void {
  pool = watched;
}

/** For the cross-instance event bus: the lag of one event, publish to delivery. */
export function observeNotifyLag(seconds: number): void {
  notifyLag.observe(seconds);
}

/** For the leader election: whether this instance now runs the sweeper and scheduled jobs. */
export function setSweeperLeader(leader: boolean): void {
  sweeperLeader.set(leader ? 1 : 0);
}
