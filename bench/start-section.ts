import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { rawInsertBaseline, type BaselineResult } from './baseline.js';
import type { BenchConfig } from './config.js';
import { createBenchDatabase, seedSitting } from './database.js';
import { START_P99_TARGET_MS } from './figures.js';
import { LoadPool } from './load-pool.js';
import type { Figure } from './results.js';
import { startServer } from './server-process.js';
import { ms, summarize, table, type LatencySummary } from './stats.js';

/**
 * Issue 23, item 1: the start spike. BENCH_START_CANDIDATES candidates already signed in and
 * admitted arrive within BENCH_START_WINDOW_SECONDS (the proctor opened the sitting), evenly
 * spread, each opening its socket without waiting for the others: socket open -> hello ->
 * welcome with the form -> part.start -> clock running. Printed: p50/p99 per start, wall time
 * for all, bytes per welcome, the server's CPU per start, the load generator's own event-loop
 * lag (a lagging generator inflates the starts' p99: above BENCH_LAG_LIMIT_MS the run is marked),
 * and the same database's plain-pg single-row commits/s measured right after (the baseline of
 * the run: what one-insert-per-commit would allow).
 */

type Step = (message: string) => void;

/** Issue 23: all 5,000 started within a minute. */
export const START_WALL_TARGET_S = 60;
const MESSAGES_PER_SECOND = 10_000;
const BASELINE_CLIENTS = 32;

export interface StartFigures {
  candidates: number;
  windowS: number;
  started: number;
  failures: string[];
  start: LatencySummary;
  wallMs: number;
  welcomeBytes: LatencySummary;
  /** The server's share of a core over the spike. */
  serverCpu: number;
  /** The server's CPU time over the spike divided by the starts, in ms. */
  cpuMsPerStart: number;
  /** The load generator's own event-loop delay over the spike (its worst worker), in ms. */
  generatorLag: { p99Ms: number; maxMs: number; limitMs: number };
  baseline: BaselineResult;
  statements: string;
}

/**
 * With BENCH_PG_STATEMENTS=1 and pg_stat_statements preloaded on the server, the statements of
 * the spike by total time (the profile issue 23 asks for); otherwise nothing.
 */
async function statementsOf(url: string, work: () => Promise<void>): Promise<string> {
  if (process.env.BENCH_PG_STATEMENTS !== '1') {
    await work();
    return '';
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
    await work();
    const { rows } = await client.query<{
      calls: string;
      total: number;
      mean: number;
      query: string;
    }>(
      `SELECT calls::text, total_exec_time AS total, mean_exec_time AS mean,
         regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY total_exec_time DESC LIMIT 15`,
    );
    return table(
      ['statement', 'calls', 'total', 'mean'],
      rows.map((r) => [r.query.slice(0, 110), r.calls, ms(r.total), ms(r.mean)]),
    );
  } finally {
    await client.end();
  }
}

export async function startSection(
  config: BenchConfig,
  context: { step: Step; cleanup: (() => Promise<void>)[] },
): Promise<StartFigures> {
  const { step, cleanup } = context;
  const candidates = config.BENCH_START_CANDIDATES;
  const bench = await createBenchDatabase(config.BENCH_DATABASE_URL);
  cleanup.push(() => bench.drop());
  const tokens = await seedSitting(bench.database, candidates);
  await bench.database.close();
  step(`database ${bench.name}: open sitting, ${tokens.length} admitted candidates signed in`);

  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const server = await startServer({
    databaseUrl: bench.url,
    messagesPerSecond: MESSAGES_PER_SECOND,
    ...(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
  });
  cleanup.push(() => server.stop());
  const pool = LoadPool.start(config.BENCH_WORKERS);
  cleanup.push(() => pool.close());

  const windowMs = config.BENCH_START_WINDOW_SECONDS * 1000;
  const cpuBefore = server.cpuSeconds();
  const wall = performance.now();
  let spike: Awaited<ReturnType<LoadPool['spike']>> | undefined;
  const statements = await statementsOf(bench.url, async () => {
    spike = await pool.spike({
      url: `ws://127.0.0.1:${server.port}/ws/exam`,
      origin: server.origin,
      tokens,
      windowMs,
    });
  });
  if (!spike) throw new Error('the spike did not run');
  const cpuSeconds = server.cpuSeconds() - cpuBefore;
  const serverCpu = cpuSeconds / ((performance.now() - wall) / 1000);
  step(
    `${spike.connected} of ${candidates} started in ${(spike.wallMs / 1000).toFixed(1)} s; load average ${loadavg()[0]?.toFixed(2)}`,
  );
  if (spike.failures.length > 0)
    step(`${spike.failures.length} failed, e.g. ${spike.failures.slice(0, 3).join('; ')}`);
  await pool.close();
  await server.stop();
  if (profileDir) step(`server CPU profile written to ${profileDir}`);

  // Right after, with the server stopped: the same database's one-row-per-commit ceiling.
  const baseline = await rawInsertBaseline(bench.url, BASELINE_CLIENTS, config.shortMs);
  step(
    `raw INSERT baseline, ${BASELINE_CLIENTS} clients: ${baseline.commitsPerSecond.toFixed(0)}/s`,
  );
  return {
    candidates,
    windowS: config.BENCH_START_WINDOW_SECONDS,
    started: spike.connected,
    failures: spike.failures,
    start: summarize(spike.startMs),
    wallMs: spike.wallMs,
    welcomeBytes: summarize(spike.welcomeBytes),
    serverCpu,
    cpuMsPerStart: (cpuSeconds * 1000) / Math.max(1, spike.connected),
    generatorLag: {
      p99Ms: spike.loopDelayP99Ms,
      maxMs: spike.loopDelayMaxMs,
      limitMs: config.BENCH_LAG_LIMIT_MS,
    },
    baseline,
    statements,
  };
}

/** Above the limit the generator itself was late: the starts' p99 measured it too. */
const generatorLagged = (f: StartFigures) => f.generatorLag.p99Ms > f.generatorLag.limitMs;

export function startReport(f: StartFigures, version: string, load: string): string {
  const lag = f.generatorLag;
  const lines = [
    '\n================ Start spike: candidates arriving within one window ================',
    `${version}; ${cpus().length} CPUs shared by load, server and database; load average at start ${load}, now ${loadavg()[0]?.toFixed(2)}`,
    `${f.candidates} admitted candidates arriving evenly over ${f.windowS} s: socket open -> hello -> welcome -> part.start -> running`,
    '',
    table(
      [
        'started',
        'failed',
        'p50',
        'p99',
        'max',
        'wall for all',
        'welcome bytes',
        'server CPU',
        'CPU per start',
        'generator lag p99',
      ],
      [
        [
          String(f.started),
          String(f.failures.length),
          ms(f.start.p50),
          ms(f.start.p99),
          ms(f.start.max),
          `${(f.wallMs / 1000).toFixed(1)} s`,
          `${Math.round(f.welcomeBytes.p50)} (max ${Math.round(f.welcomeBytes.max)})`,
          `${(f.serverCpu * 100).toFixed(0)}%`,
          ms(f.cpuMsPerStart),
          ms(lag.p99Ms) + (generatorLagged(f) ? ' LAGGED' : ''),
        ],
      ],
    ),
    '',
    `CPU per start: the server's CPU time over the spike (user + system, its loopback TCP work included) / starts.`,
    `Generator lag: the load generator's own event-loop delay (max ${ms(lag.maxMs)}); ` +
      (generatorLagged(f)
        ? `above ${ms(lag.limitMs)}: the generator itself was late, so the p50/p99 above include its own delay (LAGGED).`
        : `within ${ms(lag.limitMs)}: the p99 above is the server's, not the generator's.`),
    `Baseline, same database right after: plain pg single-row INSERT commits, ${f.baseline.clients} clients: ${f.baseline.commitsPerSecond.toFixed(0)}/s; starts/s in the spike: ${((f.started * 1000) / Math.max(1, f.wallMs)).toFixed(0)}/s`,
  ];
  if (f.statements) lines.push('', 'pg_stat_statements during the spike:', f.statements);
  return lines.join('\n');
}

/** Starts take milliseconds on a quiet machine and tens of seconds on a starved one. */
const duration = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : ms(value));

export function startFigures(f: StartFigures): Figure[] {
  const count = (n: number) => n.toLocaleString('en-US');
  const wallS = f.wallMs / 1000;
  return [
    {
      measure: `Start spike p99, ${count(f.candidates)} arriving in ${f.windowS} s`,
      value: f.start.p99,
      display: `${duration(f.start.p99)} (p50 ${duration(f.start.p50)}, ${f.failures.length} failed)`,
      target: `≤ ${START_P99_TARGET_MS} ms`,
      met: f.start.p99 <= START_P99_TARGET_MS && f.failures.length === 0,
    },
    {
      measure: `Start spike, all ${count(f.candidates)} started`,
      value: wallS,
      display: `${wallS.toFixed(1)} s`,
      target: `≤ ${START_WALL_TARGET_S} s`,
      met: wallS <= START_WALL_TARGET_S && f.started === f.candidates,
    },
    {
      measure: 'Start spike server CPU per start',
      value: f.cpuMsPerStart,
      display: `${ms(f.cpuMsPerStart)} (generator lag p99 ${ms(f.generatorLag.p99Ms)}${generatorLagged(f) ? ', LAGGED' : ''})`,
    },
    {
      measure: 'Bytes per welcome (60-item form)',
      value: f.welcomeBytes.p50,
      display: `${Math.round(f.welcomeBytes.p50).toLocaleString('en-US')} B`,
    },
    {
      measure: 'Start spike baseline: plain-pg single-row commits',
      value: f.baseline.commitsPerSecond,
      display: `${count(Math.round(f.baseline.commitsPerSecond))}/s (${f.baseline.clients} clients)`,
    },
  ];
}
