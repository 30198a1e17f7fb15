import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import type { BenchConfig } from './config.js';
import { createBenchDatabase, seedSitting } from './database.js';
import { EssayPool } from './essay-pool.js';
import type {
  EssayConnectResult,
  EssayResult,
  EssayStoreResult,
  EssaySystem,
} from './essay-protocol.js';
import { startHocuspocus, startServer, type ServerProcess } from './server-process.js';
import { ms, summarize } from './stats.js';

/**
 * The essay section of `npm run bench` (issue 4): the same essay writers, with the same starting
 * documents and the same keystrokes at the same moments, first against our server and then
 * against Hocuspocus, each server in its own process on the same fresh PostgreSQL database.
 */

const CONNECT_CONCURRENCY = 64;
/** The first bursts start within 15 s (bench/essay-text.ts); measuring starts after that. */
const WARMUP_MS = 15_000;
/** Long enough for Hocuspocus's 10 s longest debounce plus a slow store. */
const DRAIN_MS = 30_000;

export interface SystemFigures {
  system: EssaySystem;
  connect: EssayConnectResult;
  setupSeconds: number;
  /** Every editor's whole starting essay sent at once, until the last was stored. */
  store: EssayStoreResult;
  result: EssayResult;
  /** Share of one core: the system's server process, and this process (the simulated editors). */
  cpu: { server: number; load: number };
  /** Share of all the machine's cores busy in the window, whoever used them (other users too). */
  machineBusy: number;
  /** One-minute load average when the window ended. */
  loadAverage: number;
  /** Rows inserted, updated or deleted in the bench database per second of the window. */
  rowsPerSecond: number;
  warnings: string[];
}

export interface EssayFigures {
  editors: number;
  seconds: number;
  systems: SystemFigures[];
}

type Step = (message: string) => void;
type Cleanup = (() => Promise<void>)[];

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Rows written so far in the connected database, from PostgreSQL's own statistics (each server
 * backend reports its counts within about a second, so both ends of a window lag alike).
 */
async function rowsWritten(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint AS n FROM pg_stat_user_tables',
  );
  return Number(rows[0]?.n ?? 0);
}

/** CPU time of the whole machine so far, in clock ticks: busy and in all (from /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal; guest time is already inside user and nice.
  const ticks = fields.slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
}

async function measure(
  config: BenchConfig,
  server: ServerProcess,
  pool: EssayPool,
  stats: pg.Client,
): Promise<
  Pick<SystemFigures, 'result' | 'cpu' | 'rowsPerSecond' | 'machineBusy' | 'loadAverage'>
> {
  await pool.step('begin');
  await sleep(WARMUP_MS);
  const rowsBefore = await rowsWritten(stats);
  const serverCpu = server.cpuSeconds();
  const ownCpu = process.cpuUsage();
  const machine = machineTicks();
  await pool.step('open');
  const opened = performance.now();
  await sleep(config.BENCH_ESSAY_SECONDS * 1000);
  await pool.step('shut');
  const seconds = (performance.now() - opened) / 1000;
  const own = process.cpuUsage(ownCpu);
  const machineAfter = machineTicks();
  const machineBusy = (machineAfter.busy - machine.busy) / (machineAfter.total - machine.total);
  const loadAverage = loadavg()[0] ?? 0;
  const cpu = {
    server: (server.cpuSeconds() - serverCpu) / seconds,
    load: (own.user + own.system) / 1e6 / seconds,
  };
  const rowsPerSecond = ((await rowsWritten(stats)) - rowsBefore) / seconds;
  const result = await pool.finish(DRAIN_MS);
  return { result, cpu, rowsPerSecond, machineBusy, loadAverage };
}

async function runSystem(
  system: EssaySystem,
  config: BenchConfig,
  databaseUrl: string,
  tokens: string[],
  stats: pg.Client,
  hooks: { step: Step; cleanup: Cleanup },
): Promise<SystemFigures> {
  const { step, cleanup } = hooks;
  // BENCH_CPU_PROF_DIR=dir runs our server under --cpu-prof (where the start storm's time goes).
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const server =
    system === 'ours'
      ? await startServer({
          databaseUrl,
          ...(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
        })
      : await startHocuspocus({ databaseUrl });
  cleanup.push(() => server.stop());
  const pool = EssayPool.start(config.BENCH_WORKERS);
  cleanup.push(() => pool.close());
  const began = performance.now();
  const connect = await pool.connect({
    system,
    url:
      system === 'ours' ? `ws://127.0.0.1:${server.port}/ws/exam` : `ws://127.0.0.1:${server.port}`,
    origin: server.origin,
    seed: config.BENCH_ESSAY_SEED,
    editors: tokens.map((token, index) => ({ index, token })),
    concurrency: CONNECT_CONCURRENCY,
  });
  const setupSeconds = (performance.now() - began) / 1000;
  if (connect.failures.length > 0) {
    const examples = connect.failures.slice(0, 3).join('; ');
    if (connect.connected === 0)
      throw new Error(`no ${system} editor could start, e.g. ${examples}`);
    step(`${connect.failures.length} ${system} editors failed to start, e.g. ${examples}`);
  }
  step(`${system}: ${connect.connected} editors connected in ${setupSeconds.toFixed(1)} s`);
  const store = await pool.store();
  if (store.failures.length > 0)
    step(
      `${store.failures.length} ${system} starting essays not stored, e.g. ${store.failures[0]}`,
    );
  step(
    `${system}: ${store.stored} whole starting essays sent at once, all stored in ${(store.ms / 1000).toFixed(1)} s; typing`,
  );
  const measured = await measure(config, server, pool, stats);
  const p99 = summarize(measured.result.editToDurable).p99;
  step(
    `${system}: ${measured.result.keystrokes} keystrokes measured, edit-to-durable p99 ${ms(p99)}`,
  );
  await pool.close();
  await server.stop();
  return { system, connect, setupSeconds, store, ...measured, warnings: server.warnings };
}

/** Runs the whole section; the caller's cleanup stack drops its database and stops its processes. */
export async function essaySection(
  config: BenchConfig,
  hooks: { step: Step; cleanup: Cleanup },
): Promise<EssayFigures> {
  const { step, cleanup } = hooks;
  const bench = await createBenchDatabase(config.BENCH_DATABASE_URL);
  cleanup.push(() => bench.drop());
  const tokens = await seedSitting(bench.database, config.BENCH_EDITORS, { partTwo: true });
  await bench.database.close();
  step(`database ${bench.name}: open sitting with Part Two, ${tokens.length} candidates`);

  const stats = new pg.Client({ connectionString: bench.url });
  await stats.connect();
  cleanup.push(() => stats.end().catch(() => undefined));
  const systems: SystemFigures[] = [];
  for (const system of ['ours', 'hocuspocus'] as const) {
    systems.push(await runSystem(system, config, bench.url, tokens, stats, hooks));
  }
  await stats.end();
  return { editors: config.BENCH_EDITORS, seconds: config.BENCH_ESSAY_SECONDS, systems };
}
