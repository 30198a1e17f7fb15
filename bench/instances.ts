import { cpus } from 'node:os';
import pg from 'pg';
import { createPgEventBus } from '../server/src/events/pg-event-bus.js';
import type { EventBus } from '../server/src/events/event-bus.js';
import type { BenchConfig } from './config.js';
import { createBenchDatabase, seedSitting } from './database.js';
import { LoadPool } from './load-pool.js';
import type { LoadResult } from './load-protocol.js';
import type { Figure } from './results.js';
import { startServer, type ServerProcess } from './server-process.js';
import { ms, perSecond, summarize, table } from './stats.js';

/**
 * Issue 16's figures: saturated acks/s with one and with two server instances on the same
 * PostgreSQL database, and the NOTIFY fan-out lag from one instance's publish to another's
 * delivery, measured while both instances are saturated (so it includes the coalescing window
 * and a busy database).
 */

const CONNECT_CONCURRENCY = 64;
/** The per-connection limit is not under test here (as in the answers section). */
const MESSAGES_PER_SECOND = 10_000;
/** How often the lag probe publishes while the two instances are saturated. */
const PROBE_EVERY_MS = 50;

interface InstancesRun {
  instances: number;
  acksPerSecond: number;
  load: LoadResult[];
}

const acksPerSecond = (load: LoadResult) => (load.ackedInWindow * 1000) / load.windowMs;

/** Two buses on the bench database stand for two instances: one publishes, one listens. */
async function lagProbe(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const publisher = createPgEventBus({ pool, connectionString: url, instanceId: 'probe-a' });
  const listener = createPgEventBus({ pool, connectionString: url, instanceId: 'probe-b' });
  const buses: EventBus[] = [publisher, listener];
  for (const bus of buses) await bus.start();
  const sentAt = new Map<string, number>();
  const lags: number[] = [];
  listener.subscribe((event) => {
    if (event.kind !== 'session') return;
    const at = sentAt.get(event.sessionId);
    if (at !== undefined) lags.push(performance.now() - at);
  });
  let n = 0;
  const timer = setInterval(() => {
    const id = `probe-${(n += 1)}`;
    sentAt.set(id, performance.now());
    publisher.publish({ kind: 'session', sessionId: id });
  }, PROBE_EVERY_MS);
  return {
    async stop(): Promise<{ sent: number; lags: Float64Array }> {
      clearInterval(timer);
      // Whatever is in the last window still arrives.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const bus of buses) await bus.stop();
      await pool.end();
      return { sent: n, lags: Float64Array.from(lags) };
    },
  };
}

async function saturate(
  config: BenchConfig,
  servers: ServerProcess[],
  tokens: string[],
  outstanding: number,
  step: (message: string) => void,
  cleanup: (() => Promise<void>)[],
): Promise<InstancesRun> {
  // One pool per instance, each holding its share of the candidates.
  const pools = servers.map(() => LoadPool.start(config.BENCH_WORKERS));
  for (const pool of pools) cleanup.push(() => pool.close());
  for (const [i, server] of servers.entries()) {
    const share = tokens.filter((_, t) => t % servers.length === i);
    const connect = await pools[i]!.connect({
      url: `ws://127.0.0.1:${server.port}/ws/exam`,
      origin: server.origin,
      tokens: share,
      concurrency: CONNECT_CONCURRENCY,
    });
    if (connect.connected === 0) throw new Error(`no candidate could start on instance ${i + 1}`);
    step(`instance ${i + 1} of ${servers.length}: ${connect.connected} candidates connected`);
  }
  const load = await Promise.all(
    pools.map((pool) =>
      pool.saturate({
        outstanding: Math.ceil(outstanding / servers.length),
        warmupMs: config.warmupMs,
        measureMs: config.shortMs,
      }),
    ),
  );
  for (const pool of pools) await pool.close();
  const total = load.reduce((sum, l) => sum + acksPerSecond(l), 0);
  step(`${servers.length} instance(s), ${outstanding} outstanding: ${total.toFixed(0)} acks/s`);
  return { instances: servers.length, acksPerSecond: total, load };
}

/** `BENCH_PARTS=instances`: one instance, then two, on one database; and the NOTIFY lag. */
export async function instancesSection(
  config: BenchConfig,
  context: { step: (message: string) => void; cleanup: (() => Promise<void>)[] },
): Promise<{ report: string; figures: Figure[] }> {
  const { step, cleanup } = context;
  const candidates = config.BENCH_INSTANCE_CANDIDATES;
  const outstanding = Math.min(candidates, config.BENCH_SATURATION[0] ?? candidates);
  const runs: InstancesRun[] = [];
  let probe: { sent: number; lags: Float64Array } | undefined;
  for (const count of [1, 2]) {
    // A fresh database each time, so the second run does not write into the first's tables.
    const bench = await createBenchDatabase(config.BENCH_DATABASE_URL);
    cleanup.push(() => bench.drop());
    const tokens = await seedSitting(bench.database, candidates);
    await bench.database.close();
    const servers: ServerProcess[] = [];
    for (let i = 0; i < count; i += 1) {
      const server = await startServer({
        databaseUrl: bench.url,
        messagesPerSecond: MESSAGES_PER_SECOND,
      });
      cleanup.push(() => server.stop());
      servers.push(server);
    }
    const lag = count === 2 ? await lagProbe(bench.url) : undefined;
    runs.push(await saturate(config, servers, tokens, outstanding, step, cleanup));
    if (lag) probe = await lag.stop();
    for (const server of servers) await server.stop();
    await bench.drop();
  }

  const [one, two] = runs;
  const lagSummary = probe ? summarize(probe.lags) : undefined;
  const lines = [
    '\n================ Several instances on one PostgreSQL ================',
    `${cpus().length} CPUs shared by the instances, the load and PostgreSQL; ${candidates} candidates, ${outstanding} saves outstanding in all`,
    table(
      ['instances', 'acks/s', 'ack p50', 'ack p99', 'vs one'],
      runs.map((run) => {
        const latencies = summarize(
          Float64Array.from(run.load.flatMap((l) => Array.from(l.latencies))),
        );
        return [
          String(run.instances),
          perSecond(run.acksPerSecond),
          ms(latencies.p50),
          ms(latencies.p99),
          one ? `${((run.acksPerSecond / one.acksPerSecond) * 100).toFixed(0)}%` : '',
        ];
      }),
    ),
    '',
    'NOTIFY fan-out: publish on one bus, delivery on another, during the two-instance run',
    '(includes the 150 ms coalescing window)',
    lagSummary && probe
      ? table(
          ['events', 'delivered', 'lag p50', 'lag p99', 'lag max'],
          [
            [
              String(probe.sent),
              String(probe.lags.length),
              ms(lagSummary.p50),
              ms(lagSummary.p99),
              ms(lagSummary.max),
            ],
          ],
        )
      : 'not measured',
  ];
  if (!two) lines.push('the two-instance run did not complete');
  const figures: Figure[] = runs.map((run) => {
    const p99 = summarize(Float64Array.from(run.load.flatMap((l) => Array.from(l.latencies)))).p99;
    return {
      measure: `Saturated acks/s, ${run.instances === 1 ? 'one instance' : `${run.instances} instances on one PostgreSQL`}, ${outstanding} outstanding`,
      value: run.acksPerSecond,
      display: `${perSecond(run.acksPerSecond)} (p99 ${ms(p99)})`,
    };
  });
  if (lagSummary) {
    figures.push({
      measure: 'NOTIFY fan-out lag, instance to instance (150 ms coalescing included)',
      value: lagSummary.p99,
      display: `p50 ${ms(lagSummary.p50)}, p99 ${ms(lagSummary.p99)}`,
    });
  }
  return { report: lines.join('\n'), figures };
}
