import { cpus, loadavg } from 'node:os';
import type { BenchConfig } from './config.js';
import { createBenchDatabase, seedSitting } from './database.js';
import { LoadPool } from './load-pool.js';
import { startServer } from './server-process.js';
import { seedSignInAccounts } from './signin-accounts.js';
import { ms, perSecond, summarize, table, type LatencySummary } from './stats.js';

/** Issue 23, item 2: sign-in p99 and, in the same window, a sitting's save-ack p99. */
export const SIGNIN_P99_TARGET_MS = 500;
export const SITTING_ACK_P99_TARGET_MS = 25;

const CONNECT_CONCURRENCY = 64;

export interface SignInFigures {
  signIns: number;
  seconds: number;
  offeredPerSecond: number;
  signIn: LatencySummary;
  failed: number;
  failures: Record<string, number>;
  sitting: number;
  saveIntervalSeconds: number;
  ack: LatencySummary;
  acks: number;
  serverCpu: number;
}

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

/**
 * Open loop: sign-in `i` is sent at `i * interval` whatever the earlier ones did, and its time
 * runs from that moment to the response, so a queue in the server shows as latency.
 */
async function signInStorm(options: {
  origin: string;
  emails: string[];
  password: string;
  seconds: number;
}): Promise<{ latencies: Float64Array; failures: Record<string, number> }> {
  const count = options.emails.length;
  const interval = (options.seconds * 1000) / count;
  const latencies = new Float64Array(count).fill(Number.NaN);
  const failures: Record<string, number> = {};
  const began = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = began + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(
      fetch(`${options.origin}/api/auth/login`, {
        method: 'POST',
        headers: { origin: options.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ email: options.emails[i], password: options.password }),
      }).then(
        async (response) => {
          await response.arrayBuffer();
          if (response.ok) latencies[i] = performance.now() - due;
          else failures[`HTTP ${response.status}`] = (failures[`HTTP ${response.status}`] ?? 0) + 1;
        },
        (error: unknown) => {
          const key = error instanceof Error ? error.message : String(error);
          failures[key] = (failures[key] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { latencies: latencies.filter((value) => !Number.isNaN(value)), failures };
}

/**
 * The real server on its own database: `BENCH_SIGNIN_SITTING` candidates sit Part One and save
 * every `BENCH_SAVE_INTERVAL_SECONDS`, while `BENCH_SIGNINS` other candidates sign in (argon2id
 * verification, a session, an audit entry) spread evenly over `BENCH_SIGNIN_SECONDS`.
 */
export async function signInSection(
  config: BenchConfig,
  context: { step: (message: string) => void; cleanup: (() => Promise<void>)[] },
): Promise<SignInFigures> {
  const { step, cleanup } = context;
  const bench = await createBenchDatabase(config.BENCH_DATABASE_URL);
  cleanup.push(() => bench.drop());
  const tokens = await seedSitting(bench.database, config.BENCH_SIGNIN_SITTING);
  const accounts = await seedSignInAccounts(bench.database, config.BENCH_SIGNINS);
  await bench.database.close();
  step(
    `database ${bench.name}: ${tokens.length} candidates sitting, ${accounts.emails.length} to sign in`,
  );

  const server = await startServer({ databaseUrl: bench.url });
  cleanup.push(() => server.stop());
  const pool = LoadPool.start(config.BENCH_WORKERS);
  cleanup.push(() => pool.close());
  const connect = await pool.connect({
    url: `ws://127.0.0.1:${server.port}/ws/exam`,
    origin: server.origin,
    tokens,
    concurrency: CONNECT_CONCURRENCY,
  });
  step(`${connect.connected} candidates sitting Part One (${connect.failures.length} failed)`);

  const seconds = config.BENCH_SIGNIN_SECONDS;
  const measureMs = seconds * 1000;
  const warmupMs = config.warmupMs;
  const cpuBefore = server.cpuSeconds();
  const wallBefore = performance.now();
  // The saves warm up first; the sign-ins begin as the saves' measured window does, and last it.
  const sitting = pool.paced({
    intervalMs: config.BENCH_SAVE_INTERVAL_SECONDS * 1000,
    warmupMs,
    measureMs,
  });
  await sleep(warmupMs);
  const storm = await signInStorm({
    origin: server.origin,
    emails: accounts.emails,
    password: accounts.password,
    seconds,
  });
  const load = await sitting;
  const serverCpu = (server.cpuSeconds() - cpuBefore) / ((performance.now() - wallBefore) / 1000);
  step(`${storm.latencies.length} sign-ins, p99 ${ms(summarize(storm.latencies).p99)}`);
  await pool.close();
  await server.stop();

  return {
    signIns: accounts.emails.length,
    seconds,
    offeredPerSecond: accounts.emails.length / seconds,
    signIn: summarize(storm.latencies),
    failed: Object.values(storm.failures).reduce((sum, n) => sum + n, 0),
    failures: storm.failures,
    sitting: connect.connected,
    saveIntervalSeconds: config.BENCH_SAVE_INTERVAL_SECONDS,
    ack: summarize(load.latencies),
    acks: load.latencies.length,
    serverCpu,
  };
}

const verdict = (value: number, target: number) =>
  Number.isNaN(value) ? 'NO DATA' : value <= target ? 'met' : 'MISSED';

export function signInReport(figures: SignInFigures, version: string): string {
  const f = figures;
  const failures = Object.entries(f.failures)
    .map(([code, n]) => `${code} x${n}`)
    .join(', ');
  return [
    '\n================ Sign-in throughput (issue 23, item 2) ================',
    `${version}; ${cpus().length} CPUs shared by server, database and load; load average now ${loadavg()[0]?.toFixed(2)}`,
    `${f.signIns} sign-ins over ${f.seconds} s (${perSecond(f.offeredPerSecond)} offered, open loop) ` +
      `while ${f.sitting} candidates save every ${f.saveIntervalSeconds} s; server CPU ${(f.serverCpu * 100).toFixed(0)}% of a core\n`,
    table(
      ['measure', 'count', 'p50', 'p99', 'max', 'target', ''],
      [
        [
          'sign-in (POST /api/auth/login)',
          String(f.signIn.count),
          ms(f.signIn.p50),
          ms(f.signIn.p99),
          ms(f.signIn.max),
          `p99 <= ${SIGNIN_P99_TARGET_MS} ms`,
          verdict(f.signIn.p99, SIGNIN_P99_TARGET_MS),
        ],
        [
          'sitting save -> ack, same window',
          String(f.acks),
          ms(f.ack.p50),
          ms(f.ack.p99),
          ms(f.ack.max),
          `p99 <= ${SITTING_ACK_P99_TARGET_MS} ms`,
          verdict(f.ack.p99, SITTING_ACK_P99_TARGET_MS),
        ],
      ],
    ),
    f.failed > 0 ? `\nFailed sign-ins: ${f.failed} (${failures})` : '\nNo sign-in failed.',
  ].join('\n');
}
