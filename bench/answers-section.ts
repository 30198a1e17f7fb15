import { cpus } from 'node:os';
import { rawInsertBaseline, type BaselineResult } from './baseline.js';
import type { BenchConfig } from './config.js';
import { createBenchDatabase, seedSitting } from './database.js';
import { answerFigures } from './figures.js';
import { LoadPool } from './load-pool.js';
import type { LoadResult } from './load-protocol.js';
import { pgbenchInserts, type PgbenchResult } from './pgbench.js';
import { pacedTable, perCommit, saturationTable, startTable, warningSummary } from './report.js';
import type { CpuShare, PacedRow, SaturationRow } from './report.js';
import type { Figure } from './results.js';
import { startServer, type MemoryReading, type ServerProcess } from './server-process.js';
import { databaseCpuSeconds, machineTicks } from './process-cpu.js';
import { mib, summarize } from './stats.js';

/**
 * The Part One section of `npm run bench`: the real server on its own PostgreSQL database,
 * thousands of simulated candidates over real websockets (paced runs at each size, then
 * saturation), and the durable-commit ceiling of the same database measured with plain `pg` and
 * with pgbench right after, with the server stopped.
 */

type Step = (message: string) => void;

export interface AnswersContext {
  version: string;
  load: string;
  tree: string;
  cleanup: (() => Promise<void>)[];
  runCleanup: () => Promise<void>;
  step: Step;
}

const CONNECT_CONCURRENCY = 64;
const SETTLE_MS = 3000;
/** The per-connection limit is not under test here; saturation runs send tens of saves a second. */
const MESSAGES_PER_SECOND = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const acksPerSecond = (load: LoadResult) => (load.ackedInWindow * 1000) / load.windowMs;

/** Lets the server finish a burst, then reads its memory after full collections. */
async function settledMemory(server: ServerProcess): Promise<MemoryReading> {
  await sleep(SETTLE_MS);
  return server.memory();
}

/**
 * Runs `work` and says what share of a core the server, this process (the load) and the bench
 * database's PostgreSQL backends used, and how busy the machine's cores were in all.
 */
async function withCpu<T>(
  server: ServerProcess,
  database: string,
  work: () => Promise<T>,
): Promise<[T, CpuShare]> {
  const wall = performance.now();
  const serverCpu = server.cpuSeconds();
  const databaseCpu = databaseCpuSeconds(database);
  const machine = machineTicks();
  const ownCpu = process.cpuUsage();
  const result = await work();
  const seconds = (performance.now() - wall) / 1000;
  const own = process.cpuUsage(ownCpu);
  const machineAfter = machineTicks();
  return [
    result,
    {
      server: (server.cpuSeconds() - serverCpu) / seconds,
      load: (own.user + own.system) / 1e6 / seconds,
      database: (databaseCpuSeconds(database) - databaseCpu) / seconds,
      machine: (machineAfter.busy - machine.busy) / Math.max(1, machineAfter.total - machine.total),
    },
  ];
}

async function pacedRuns(
  step: Step,
  config: BenchConfig,
  server: ServerProcess,
  databaseName: string,
  pool: LoadPool,
  tokens: string[],
  sizes: number[],
): Promise<PacedRow[]> {
  // Twice: the first full collection also returns start-up garbage (module loading) to the OS.
  await settledMemory(server);
  const idle = await settledMemory(server);
  step(`server up (pid ${server.pid}, port ${server.port}), RSS ${mib(idle.rss)}`);
  const rows: PacedRow[] = [];
  let connected = 0;
  for (const size of sizes) {
    const before = rows.length === 0 ? idle : await settledMemory(server);
    const startedAt = performance.now();
    const connect = await pool.connect({
      url: `ws://127.0.0.1:${server.port}/ws/exam`,
      origin: server.origin,
      tokens: tokens.slice(connected, size),
      concurrency: CONNECT_CONCURRENCY,
    });
    const startWallMs = performance.now() - startedAt;
    connected += connect.connected;
    if (connect.failures.length > 0) {
      const examples = connect.failures.slice(0, 3).join('; ');
      if (connect.connected === 0) throw new Error(`no candidate could start, e.g. ${examples}`);
      step(`${connect.failures.length} candidates failed to start, e.g. ${examples}`);
    }
    step(`${connected} candidates connected and started in ${(startWallMs / 1000).toFixed(1)} s`);
    const memory = await settledMemory(server);
    const [load, cpu] = await withCpu(server, databaseName, () =>
      pool.paced({
        intervalMs: config.BENCH_SAVE_INTERVAL_SECONDS * 1000,
        warmupMs: config.warmupMs,
        measureMs: config.measureMs,
      }),
    );
    const p99 = summarize(load.latencies).p99;
    step(
      `paced run, ${connected} candidates: ${load.latencies.length} saves, p99 ${p99.toFixed(1)} ms`,
    );
    rows.push({
      candidates: connected,
      offeredPerSecond: connected / config.BENCH_SAVE_INTERVAL_SECONDS,
      start: summarize(connect.startMs),
      startWallMs,
      before,
      connected: memory,
      added: connect.connected,
      rssLoaded: server.rss(),
      load,
      cpu,
    });
  }
  return rows;
}

async function saturationRuns(
  step: Step,
  config: BenchConfig,
  server: ServerProcess,
  databaseName: string,
  pool: LoadPool,
  connected: number,
): Promise<SaturationRow[]> {
  const rows: SaturationRow[] = [];
  for (const level of config.BENCH_SATURATION) {
    const outstanding = Math.min(level, connected);
    if (outstanding === 0 || rows.some((row) => row.outstanding === outstanding)) continue;
    const [load, cpu] = await withCpu(server, databaseName, () =>
      pool.saturate({ outstanding, warmupMs: config.warmupMs, measureMs: config.shortMs }),
    );
    rows.push({ outstanding, load, cpu });
    step(`saturation, ${outstanding} outstanding: ${acksPerSecond(load).toFixed(0)} acks/s`);
  }
  return rows;
}

export async function answersSection(
  config: BenchConfig,
  sizes: number[],
  context: AnswersContext,
): Promise<Figure[]> {
  const { version, load, tree, cleanup, step } = context;
  const bench = await createBenchDatabase(config.BENCH_DATABASE_URL);
  cleanup.push(() => bench.drop());
  const tokens = await seedSitting(bench.database, Math.max(...sizes));
  await bench.database.close();
  step(
    `database ${bench.name}: demo bank, open sitting, ${tokens.length} candidates with sessions`,
  );

  // BENCH_CPU_PROF_DIR=dir runs our server under --cpu-prof (where a saturated ack's time goes).
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const server = await startServer({
    databaseUrl: bench.url,
    messagesPerSecond: MESSAGES_PER_SECOND,
    ...(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
  });
  cleanup.push(() => server.stop());
  const pool = LoadPool.start(config.BENCH_WORKERS);
  cleanup.push(() => pool.close());
  const paced = await pacedRuns(step, config, server, bench.name, pool, tokens, sizes);
  const connected = paced.at(-1)?.candidates ?? 0;
  const saturation = await saturationRuns(step, config, server, bench.name, pool, connected);
  await pool.close();
  await server.stop();

  // Right after the saturation runs (same conditions on a shared machine), with the server
  // stopped so it takes no CPU from PostgreSQL.
  const baseline: BaselineResult[] = [];
  for (const clients of config.BENCH_BASELINE_CLIENTS) {
    const result = await rawInsertBaseline(bench.url, clients, config.shortMs);
    baseline.push(result);
    step(
      `raw INSERT baseline, ${clients} clients: ${result.commitsPerSecond.toFixed(0)} commits/s`,
    );
  }
  // PostgreSQL's own tool on the same database, as issue 23 asks the ceiling be measured.
  const pgbench: PgbenchResult[] = [];
  for (const clients of config.BENCH_BASELINE_CLIENTS) {
    const result = await pgbenchInserts(bench.url, clients, config.shortMs / 1000);
    pgbench.push(result);
    step(`pgbench single-row INSERT, ${clients} clients: ${result.commitsPerSecond.toFixed(0)}/s`);
  }
  await context.runCleanup();
  step('cleaned up: sockets closed, server stopped, database dropped');

  console.log('\n================ Part One autosave benchmark ================');
  console.log(
    `${version}; ${cpus().length} CPUs shared by load, server and database; load average at start ${load}`,
  );
  console.log(
    `Server: node --enable-source-maps server/dist/server.js (npm run build:server) at ${tree}, NODE_ENV=production`,
  );
  console.log(`Load: ${config.BENCH_WORKERS} worker thread(s) in this process, ws over loopback\n`);
  console.log(pacedTable(paced, config.BENCH_SAVE_INTERVAL_SECONDS));
  console.log(`\n${startTable(paced)}\n`);
  console.log(saturationTable(saturation, baseline));
  console.log(
    `pgbench (-M prepared, one INSERT per transaction): ${pgbench.map((r) => `${r.clients} clients ${r.commitsPerSecond.toFixed(0)}/s`).join(', ')}`,
  );
  for (const r of pgbench) {
    if (!r.cpu) continue;
    console.log(`  CPU per commit, ${r.clients} clients: ${perCommit(r.cpu, r.commitsPerSecond)}`);
  }
  console.log(`\n${warningSummary(server.warnings)}`);
  return answerFigures({ paced, saturation, baseline, pgbench });
}
