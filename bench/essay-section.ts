import { loadavg } from 'node:os';
import pg from 'pg';
import type { BenchConfig } from './config.js';
import { createBenchDatabase, seedSitting } from './database.js';
import {
  rowsWritten,
  storedBytes,
  walDetail,
  walPosition,
  walSince,
} from './essay-database-stats.js';
import { machineTicks } from './process-cpu.js';
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
 * The essay section of `npm run bench` (issue 4, issue 23 item 4): a sweep over the number of
 * editors (BENCH_EDITOR_STEPS). At each step the same essay writers, with the same starting
 * documents and the same keystrokes at the same moments, write first against our server and then
 * against Hocuspocus, each server in its own process on a fresh PostgreSQL database per step.
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
  /** CPU seconds of the server process in the window. */
  serverCpuSeconds: number;
  /** Share of all the machine's cores busy in the window, whoever used them (other users too). */
  machineBusy: number;
  /** One-minute load average when the window ended. */
  loadAverage: number;
  /** Rows inserted, updated or deleted in the bench database in the window. */
  rows: number;
  /** Growth of the bench database's tables (indexes and TOAST included) over the window. */
  storedBytes: number;
  /** WAL bytes the cluster wrote in the window. */
  walBytes: number;
  /** BENCH_WAL_DETAIL=1: the window's WAL by relation and record kind. */
  walDetail: string;
  warnings: string[];
}

export interface EssayStep {
  editors: number;
  systems: SystemFigures[];
}

export interface EssayFigures {
  seconds: number;
  /** The editors' event-loop p99 above which a step's figures are not counted. */
  lagLimitMs: number;
  steps: EssayStep[];
}

type Step = (message: string) => void;
type Cleanup = (() => Promise<void>)[];

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

type Measured = Pick<
  SystemFigures,
  | 'result'
  | 'cpu'
  | 'serverCpuSeconds'
  | 'rows'
  | 'walBytes'
  | 'storedBytes'
  | 'walDetail'
  | 'machineBusy'
  | 'loadAverage'
>;

async function measure(
  config: BenchConfig,
  server: ServerProcess,
  pool: EssayPool,
  stats: pg.Client,
): Promise<Measured> {
  await pool.step('begin');
  await sleep(WARMUP_MS);
  const rowsBefore = await rowsWritten(stats);
  const storedBefore = await storedBytes(stats);
  const walBefore = await walPosition(stats);
  const serverCpu = server.cpuSeconds();
  const ownCpu = process.cpuUsage();
  const machine = machineTicks();
  await pool.step('open');
  const opened = performance.now();
  await sleep(config.BENCH_ESSAY_SECONDS * 1000);
  await pool.step('shut');
  const seconds = (performance.now() - opened) / 1000;
  const serverCpuSeconds = server.cpuSeconds() - serverCpu;
  const own = process.cpuUsage(ownCpu);
  const walBytes = await walSince(stats, walBefore);
  const walAfter = await walPosition(stats);
  const machineAfter = machineTicks();
  const machineBusy = (machineAfter.busy - machine.busy) / (machineAfter.total - machine.total);
  const loadAverage = loadavg()[0] ?? 0;
  const cpu = {
    server: serverCpuSeconds / seconds,
    load: (own.user + own.system) / 1e6 / seconds,
  };
  // The statistics views lag their backends by up to a second; so does the window's start.
  await sleep(1000);
  const rows = (await rowsWritten(stats)) - rowsBefore;
  const stored = (await storedBytes(stats)) - storedBefore;
  const detail = await walDetail(stats, walBefore, walAfter);
  const result = await pool.finish(DRAIN_MS);
  return {
    result,
    cpu,
    serverCpuSeconds,
    rows,
    walBytes,
    storedBytes: stored,
    walDetail: detail,
    machineBusy,
    loadAverage,
  };
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
  const tag = `${system} x${tokens.length}`;
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
    if (connect.connected === 0) throw new Error(`no ${tag} editor could start, e.g. ${examples}`);
    step(`${connect.failures.length} ${tag} editors failed to start, e.g. ${examples}`);
  }
  step(`${tag}: ${connect.connected} editors connected in ${setupSeconds.toFixed(1)} s`);
  const store = await pool.store();
  if (store.failures.length > 0)
    step(`${store.failures.length} ${tag} starting essays not stored, e.g. ${store.failures[0]}`);
  step(
    `${tag}: ${store.stored} whole starting essays sent at once, all stored in ${(store.ms / 1000).toFixed(1)} s; typing`,
  );
  const measured = await measure(config, server, pool, stats);
  const p99 = summarize(measured.result.editToDurable).p99;
  step(`${tag}: ${measured.result.keystrokes} keystrokes measured, edit-to-durable p99 ${ms(p99)}`);
  await pool.close();
  await server.stop();
  return { system, connect, setupSeconds, store, ...measured, warnings: server.warnings };
}

/** One step of the sweep: a fresh database with `editors` candidates, both systems in turn. */
async function runStep(
  config: BenchConfig,
  editors: number,
  hooks: { step: Step; cleanup: Cleanup },
): Promise<EssayStep> {
  const { step, cleanup } = hooks;
  const bench = await createBenchDatabase(config.BENCH_DATABASE_URL);
  // Also on the run's cleanup stack, so a Ctrl-C in the middle of a step drops it too.
  cleanup.push(() => bench.drop());
  const stats = new pg.Client({ connectionString: bench.url });
  try {
    const tokens = await seedSitting(bench.database, editors, { partTwo: true });
    await bench.database.close();
    step(`database ${bench.name}: open sitting with Part Two, ${tokens.length} candidates`);
    await stats.connect();
    const systems: SystemFigures[] = [];
    for (const system of ['ours', 'hocuspocus'] as const) {
      systems.push(await runSystem(system, config, bench.url, tokens, stats, hooks));
    }
    return { editors, systems };
  } finally {
    await stats.end().catch(() => undefined);
    await bench.drop();
  }
}

/** Runs the whole sweep; the caller's cleanup stack stops whatever a failed step left running. */
export async function essaySection(
  config: BenchConfig,
  hooks: { step: Step; cleanup: Cleanup },
): Promise<EssayFigures> {
  const steps: EssayStep[] = [];
  for (const editors of config.BENCH_EDITOR_STEPS) {
    steps.push(await runStep(config, editors, hooks));
  }
  return { seconds: config.BENCH_ESSAY_SECONDS, lagLimitMs: config.BENCH_LAG_LIMIT_MS, steps };
}
