import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { DRAFT_PATCH_INTERVAL_MS } from '@exam/shared/protocol';
import { answersSection } from './answers-section.js';
import { clientReport, clientSection } from './client-section.js';
import { loadBenchConfig, type BenchConfig, type BenchPart } from './config.js';
import { essayReport } from './essay-report.js';
import { essaySection } from './essay-section.js';
import { checkDescriptorLimit } from './fd-limit.js';
import { analysisFigures, clientFigures, essayFigures, signInFigures } from './figures.js';
import { instancesSection } from './instances.js';
import { itemAnalysisSection } from './item-analysis.js';
import { quietCheck, ResultsRecorder, waitForQuiet, type Figure } from './results.js';
import { signInReport, signInSection } from './signin-section.js';
import { startFigures, startReport, startSection } from './start-section.js';

/**
 * `npm run bench`: every section in turn (BENCH_PARTS picks them), each after a quiet-machine
 * check printed with its load average: Part One answer saves (bench/answers-section.ts), Part Two
 * essays against Hocuspocus, item analysis, sign-in throughput, the client's first page, several
 * instances. The figures go to bench/results/latest.json and latest.md and into the README's
 * table. Exits 0 when it measured, whether or not the targets were met (missed targets say MISSED).
 */

const began = performance.now();
const step = (message: string) =>
  console.log(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${message}`);
const shell = (command: string) => {
  try {
    return execFileSync('sh', ['-c', command], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
};

type Cleanup = (() => Promise<void>)[];

interface RunContext {
  recorder: ResultsRecorder;
  /** Longest wait for a quiet machine before each section, in ms. */
  quietWaitMs: number;
  version: string;
  load: string;
  tree: string;
  cleanup: Cleanup;
  runCleanup: () => Promise<void>;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string; sc: string }>(
      "SELECT split_part(version(), ' ', 2) AS v, current_setting('synchronous_commit') AS sc",
    );
    return `PostgreSQL ${rows[0]?.v ?? '?'} (synchronous_commit=${rows[0]?.sc ?? '?'})`;
  } finally {
    await client.end();
  }
}

async function essaysSection(config: BenchConfig, context: RunContext): Promise<Figure[]> {
  const figures = await essaySection(config, { step, cleanup: context.cleanup });
  await context.runCleanup();
  step('cleaned up: editors closed, servers stopped, databases dropped');
  console.log('\n================ Part Two essay drafting: ours vs Hocuspocus ================');
  console.log(
    `${context.version}; ${cpus().length} CPUs shared by editors, servers and database; load average now ${loadavg()[0]?.toFixed(2)} (${context.load} at start)`,
  );
  console.log(
    `Ours: server/dist/server.js (the bundle, as deployed) at ${context.tree}, NODE_ENV=production, its default settings;`,
  );
  console.log(
    'Hocuspocus: @hocuspocus/server 3.4.4 with its default debounce, bench/hocuspocus-server.ts',
  );
  console.log(
    `Editors: ${config.BENCH_WORKERS} worker thread(s) in this process, ws over loopback, seed ${config.BENCH_ESSAY_SEED}; ours send patches at most every ${config.BENCH_PATCH_INTERVAL_MS} ms${config.BENCH_PATCH_INTERVAL_MS === DRAFT_PATCH_INTERVAL_MS ? ' (as the client does)' : ` (the client: ${DRAFT_PATCH_INTERVAL_MS} ms)`}\n`,
  );
  console.log(essayReport(figures));
  return essayFigures(figures);
}

/**
 * Runs one section with the quiet-machine check printed before it, and records its figures
 * (bench/results/latest.json, latest.md and the README's table).
 */
async function section(context: RunContext, part: BenchPart, work: () => Promise<Figure[]>) {
  const waited = await waitForQuiet(context.quietWaitMs);
  if (waited > 0) step(`${part}: waited ${waited} s for the load of what ran before to fall`);
  const quiet = quietCheck();
  step(`${part}: ${quiet.line}`);
  const recorded = context.recorder.begin(part, quiet);
  for (const figure of await work()) recorded.add(figure);
  recorded.end();
}

async function main(): Promise<number> {
  // `npm run bench -- --only start,answers` is BENCH_PARTS=start,answers.
  const only = process.argv.indexOf('--only');
  const config = loadBenchConfig(
    only >= 0 ? { ...process.env, BENCH_PARTS: process.argv[only + 1] } : process.env,
  );
  const answers = config.BENCH_PARTS.includes('answers');
  const essays = config.BENCH_PARTS.includes('essays');
  const start = config.BENCH_PARTS.includes('start');
  const limit = checkDescriptorLimit(
    Math.max(
      answers ? Math.max(...config.BENCH_SIZES) : 0,
      essays ? Math.max(...config.BENCH_EDITOR_STEPS) : 0,
      start ? config.BENCH_START_CANDIDATES : 0,
    ),
  );
  const sizes = config.BENCH_SIZES.filter((size) => limit.ok || size <= limit.fits);
  if (answers && sizes.length === 0) return 1;
  if (essays && Math.max(...config.BENCH_EDITOR_STEPS) > limit.fits) return 1;
  if (start && config.BENCH_START_CANDIDATES > limit.fits) return 1;
  if (answers && sizes.length < config.BENCH_SIZES.length) {
    step(`running only the sizes that fit: ${sizes.join(', ')}`);
  }

  const cleanup: Cleanup = [];
  // One pass at a time: a Ctrl-C during the run's own cleanup waits for it instead of racing.
  let cleaning: Promise<void> | undefined;
  const runCleanup = () =>
    (cleaning ??= (async () => {
      for (let undo = cleanup.pop(); undo; undo = cleanup.pop()) {
        await undo().catch((error: unknown) => console.error(error));
      }
    })().finally(() => (cleaning = undefined)));
  // `on`, not `once`: tsx repeats a signal its child did not report within 30 ms (a busy event
  // loop), and with no listener left the repeat would end this process before the cleanup.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => void runCleanup().then(() => process.exit(code)));
  }

  try {
    const version = await postgresVersion(config.BENCH_DATABASE_URL);
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const tree = `${shell('git rev-parse --short HEAD')}${shell('git status --porcelain server/src shared/src') ? ' + uncommitted changes in server/src or shared/src' : ''}`;
    step(
      `${version}; ${cpus().length} CPUs, load average ${load}; ulimit -n ${shell('ulimit -n')}`,
    );
    const recorder = new ResultsRecorder(shell('git rev-parse --short HEAD'));
    const quietWaitMs = config.BENCH_QUIET_WAIT_SECONDS * 1000;
    const context: RunContext = { recorder, quietWaitMs, version, load, tree, cleanup, runCleanup };
    const parts = config.BENCH_PARTS;
    if (answers)
      await section(context, 'answers', () => answersSection(config, sizes, { ...context, step }));
    if (start) {
      await section(context, 'start', async () => {
        const figures = await startSection(config, { step, cleanup });
        await runCleanup();
        console.log(startReport(figures, version, load));
        return startFigures(figures);
      });
    }
    if (essays) await section(context, 'essays', () => essaysSection(config, context));
    if (parts.includes('analysis')) {
      await section(context, 'analysis', async () =>
        analysisFigures(await itemAnalysisSection(config.BENCH_DATABASE_URL, step)),
      );
    }
    if (parts.includes('signins')) {
      await section(context, 'signins', async () => {
        const figures = await signInSection(config, { step, cleanup });
        await runCleanup();
        console.log(signInReport(figures, version));
        return signInFigures(figures);
      });
    }
    if (parts.includes('client')) {
      await section(context, 'client', async () => {
        const figures = await clientSection(config, { step, cleanup });
        await runCleanup();
        console.log(clientReport(figures));
        return clientFigures(figures);
      });
    }
    if (parts.includes('instances')) {
      await section(context, 'instances', async () => {
        const { report, figures } = await instancesSection(config, { step, cleanup });
        await runCleanup();
        console.log(report);
        return figures;
      });
    }
    recorder.write();
    step('figures written to bench/results/latest.json and latest.md, and the README table');
    return 0;
  } finally {
    await runCleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Benchmark failed:', error);
    process.exit(1);
  },
);
