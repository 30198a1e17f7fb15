import type { BaselineResult } from './baseline.js';
import { P99_TARGET_MS, RATIO_TARGET } from './config.js';
import type { LoadResult } from './load-protocol.js';
import type { MemoryReading } from './server-process.js';
import { kib, mib, ms, perSecond, summarize, table, type LatencySummary } from './stats.js';

/**
 * Share of one core used during a run: the server process, this process (the load), and the
 * bench database's PostgreSQL backends; `machine` is the share of all cores busy (any process).
 */
export interface CpuShare {
  server: number;
  load: number;
  database: number;
  machine: number;
}

export interface PacedRow {
  candidates: number;
  offeredPerSecond: number;
  start: LatencySummary;
  startWallMs: number;
  /** Server memory before this step's candidates connected, and after (both after full GCs). */
  before: MemoryReading;
  connected: MemoryReading;
  /** Candidates connected in this step. */
  added: number;
  rssLoaded: number;
  load: LoadResult;
  cpu: CpuShare;
}

export interface SaturationRow {
  outstanding: number;
  load: LoadResult;
  cpu: CpuShare;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

const micros = (share: number, perSec: number) =>
  perSec > 0 ? `${((share * 1e6) / perSec).toFixed(1)} us` : '-';

/** Server, load and PostgreSQL CPU per acknowledged save, and their sum. */
function perAck(cpu: CpuShare, perSec: number): string {
  const sum = cpu.server + cpu.load + cpu.database;
  return `server ${micros(cpu.server, perSec)}, load ${micros(cpu.load, perSec)}, PostgreSQL ${micros(cpu.database, perSec)}; in all ${micros(sum, perSec)}`;
}

/** pgbench's side of the same comparison: its backends and its own process, per commit. */
export function perCommit(cpu: { database: number; pgbench: number }, perSec: number): string {
  const sum = cpu.database + cpu.pgbench;
  return `PostgreSQL ${micros(cpu.database, perSec)}, pgbench ${micros(cpu.pgbench, perSec)}; in all ${micros(sum, perSec)}`;
}

const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

function problems(load: LoadResult): string {
  const parts = Object.entries(load.codes).map(([code, n]) => `${code} x${n}`);
  if (load.unacked > 0) parts.push(`${load.unacked} unacked`);
  if (load.closed > 0) parts.push(`${load.closed} sockets closed`);
  return parts.join(', ') || 'none';
}

export function pacedTable(rows: PacedRow[], intervalSeconds: number): string {
  const body = rows.map((row) => {
    const lat = summarize(row.load.latencies);
    const rssPer = (row.connected.rss - row.before.rss) / row.added;
    const heapPer = (row.connected.heapUsed - row.before.heapUsed) / row.added;
    return [
      String(row.candidates),
      perSecond(row.offeredPerSecond),
      perSecond((row.load.ackedInWindow * 1000) / row.load.windowMs),
      ms(lat.p50),
      ms(lat.p99),
      ms(lat.p999),
      ms(lat.max),
      mark(lat.p99 <= P99_TARGET_MS),
      mib(row.connected.rss),
      kib(rssPer),
      kib(heapPer),
      mib(row.rssLoaded),
      pct(row.cpu.server),
      pct(row.cpu.load),
      ms(row.load.loopDelayP99Ms),
    ];
  });
  const headers = [
    'candidates',
    'offered',
    'acked',
    'ack p50',
    'ack p99',
    'ack p99.9',
    'max',
    `p99<=${P99_TARGET_MS}ms`,
    'server RSS',
    '+RSS/conn',
    '+heap/conn',
    'RSS loaded',
    'server CPU',
    'load CPU',
    'load lag p99',
  ];
  const notes = rows.map(
    (row) =>
      `  ${row.candidates} candidates: ${row.load.latencies.length} saves measured; problems: ${problems(row.load)}`,
  );
  return [
    `Paced: every candidate saves once per ${intervalSeconds} s (10x the realistic ~90 s), open loop`,
    table(headers, body),
    ...notes,
    "  +RSS/conn = growth of the server RSS while this row's new candidates connected and started,",
    '  divided by their number (both readings after forced full GCs, no load running); +heap/conn',
    '  the same for the V8 heap in use. The first row includes one-off costs (form cache, code).',
    '  RSS loaded: RSS at the end of the paced run, without a forced GC. CPU: share of one core',
    '  (server process; this process, which generates the load). load lag p99: event-loop delay',
    "  of the load generator, an upper bound on how much of the latency is the client's own.",
  ].join('\n');
}

export function startTable(rows: PacedRow[]): string {
  return [
    'Start spike: connect + hello -> welcome + part.start -> running, 64 candidates at a time',
    table(
      ['new candidates', 'wall time', 'per candidate p50', 'p99', 'max'],
      rows.map((row) => [
        String(row.start.count),
        `${(row.startWallMs / 1000).toFixed(1)} s`,
        ms(row.start.p50),
        ms(row.start.p99),
        ms(row.start.max),
      ]),
    ),
  ].join('\n');
}

export function saturationTable(rows: SaturationRow[], baseline: BaselineResult[]): string {
  const best = Math.max(0, ...baseline.map((b) => b.commitsPerSecond));
  const acks = rows.map((row) => (row.load.ackedInWindow * 1000) / row.load.windowMs);
  const top = Math.max(0, ...acks);
  const ratio = best > 0 ? top / best : 0;
  return [
    'Raw pg baseline: autocommit single-row INSERT (prepared), same database, right after the',
    'saturation runs with the server stopped; the best level counts',
    table(
      ['clients', 'commits/s'],
      baseline.map((b) => [String(b.clients), perSecond(b.commitsPerSecond)]),
    ),
    '',
    'Saturation: closed loop, each of N candidates sends its next save when the last is acked',
    table(
      [
        'outstanding',
        'acks/s',
        'ack p50',
        'ack p99',
        'server CPU',
        'load CPU',
        'db CPU',
        'cores busy',
        'load lag p99',
        'problems',
      ],
      rows.map((row, i) => {
        const lat = summarize(row.load.latencies);
        return [
          String(row.outstanding),
          perSecond(acks[i] ?? 0),
          ms(lat.p50),
          ms(lat.p99),
          pct(row.cpu.server),
          pct(row.cpu.load),
          pct(row.cpu.database),
          pct(row.cpu.machine),
          ms(row.load.loopDelayP99Ms),
          problems(row.load),
        ];
      }),
    ),
    '  CPU per acknowledged save (share of a core divided by acks/s):',
    ...rows.map((row, i) => `    ${row.outstanding} outstanding: ${perAck(row.cpu, acks[i] ?? 0)}`),
    '',
    `Saturated ratio: ${perSecond(top)} acks / ${perSecond(best)} raw commits = ${ratio.toFixed(2)}` +
      `  (target >= ${RATIO_TARGET.toFixed(1)}: ${mark(ratio >= RATIO_TARGET)})`,
  ].join('\n');
}

/**
 * What the server logged at warn level, grouped by message. A "crediting server outage" here
 * means the run changed every running clock, so it is called out.
 */
export function warningSummary(lines: string[]): string {
  if (lines.length === 0) return 'Server warnings: none.';
  const groups = new Map<string, { count: number; example: string }>();
  for (const line of lines) {
    let message = line;
    try {
      message = String((JSON.parse(line) as { msg?: unknown }).msg ?? line);
    } catch {
      // Not a log line (a stack trace, say): grouped by its own text.
    }
    const group = groups.get(message) ?? { count: 0, example: line };
    group.count += 1;
    groups.set(message, group);
  }
  const out = [`Server warnings (${lines.length}):`];
  for (const [message, { count, example }] of groups) {
    out.push(`  ${count} x ${message.slice(0, 120)}`);
    out.push(`      e.g. ${example.slice(0, 300)}`);
  }
  if (groups.has('crediting server outage')) {
    out.push(
      '  PROBLEM: the sweeper saw a heartbeat gap above OUTAGE_THRESHOLD_MS while the server was up',
      '  and credited it to every running clock.',
    );
  }
  return out.join('\n');
}
