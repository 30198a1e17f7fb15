import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '../server/src/modules/auth/index.js';
import { budgetProblems, bundleTable, kB, routeBundles } from '../scripts/client-bundles.js';
import { findBrowser } from '../test/support/find-browser.js';
import type { BenchConfig } from './config.js';
import { createBenchDatabase, seedSitting } from './database.js';
import { startServer } from './server-process.js';
import { ms, summarize, table, type LatencySummary } from './stats.js';

/** A slow connection (issue 23): 1.6 Mbps down, 150 ms round trip; upload at half the speed. */
export const THROTTLE = {
  downloadBitsPerSecond: 1_600_000,
  rttMs: 150,
  uploadBitsPerSecond: 800_000,
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const viteBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
  'bin/vite.js',
);

export interface ClientFigures {
  bundles: ReturnType<typeof routeBundles>;
  problems: string[];
  browser: string;
  loads: number;
  /** Navigation to /exam -> "Question 1 of 60" on screen, cold cache, throttled. */
  firstQuestion: LatencySummary;
  /** Navigation to /login -> the sign-in form on screen, cold cache, throttled. */
  signInPage: LatencySummary;
  /** Bytes on the wire (headers and compressed bodies) for one cold load of /exam. */
  examWireBytes: number;
}

/** The production build, as `npm start` serves it, into a directory of the bench's own. */
async function buildClient(outDir: string): Promise<void> {
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        viteBin,
        'build',
        '--config',
        path.join(repoRoot, 'client/vite.config.ts'),
        '--outDir',
        outDir,
        '--emptyOutDir',
      ],
      { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`client build failed:\n${Buffer.concat(output).toString()}`);
}

async function launch(): Promise<Browser> {
  const choice = await findBrowser();
  return chromium.launch({
    executablePath: choice.executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', ...choice.args],
    env: choice.env,
  });
}

/**
 * One cold load in a fresh browser context (empty cache) over the throttled connection: from
 * the navigation until `ready` resolves. Returns the time and the bytes received on the wire.
 */
async function coldLoad(
  browser: Browser,
  origin: string,
  options: {
    token: string;
    url: string;
    ready: (page: Page) => Promise<unknown>;
  },
): Promise<{ ms: number; wireBytes: number }> {
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: SESSION_COOKIE, value: options.token, url: origin }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: THROTTLE.rttMs,
      downloadThroughput: THROTTLE.downloadBitsPerSecond / 8,
      uploadThroughput: THROTTLE.uploadBitsPerSecond / 8,
    });
    let wireBytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      wireBytes += event.encodedDataLength;
    });
    const began = performance.now();
    await page.goto(`${origin}${options.url}`, { waitUntil: 'commit', timeout: 120_000 });
    await options.ready(page);
    return { ms: performance.now() - began, wireBytes };
  } finally {
    await context.close();
  }
}

/**
 * The client build's route sizes, then real Chromium over a throttled connection: a candidate
 * whose Part One is running opens /exam with an empty cache (a new seat, or a cleared browser)
 * and the time to the first question on screen is measured, `BENCH_PAGE_LOADS` times; and the
 * sign-in page the same way.
 */
export async function clientSection(
  config: BenchConfig,
  context: { step: (message: string) => void; cleanup: (() => Promise<void>)[] },
): Promise<ClientFigures> {
  const { step, cleanup } = context;
  const dist = mkdtempSync(path.join(tmpdir(), 'bench-client-'));
  cleanup.push(async () => rmSync(dist, { recursive: true, force: true }));
  await buildClient(dist);
  const bundles = routeBundles(dist);
  step(`client built: ${bundles.length} routes measured`);

  const bench = await createBenchDatabase(config.BENCH_DATABASE_URL);
  cleanup.push(() => bench.drop());
  const tokens = await seedSitting(bench.database, config.BENCH_PAGE_LOADS);
  await bench.database.close();
  const server = await startServer({ databaseUrl: bench.url, clientDist: dist });
  cleanup.push(() => server.stop());
  const browser = await launch();
  cleanup.push(() => browser.close());

  const firstQuestion: number[] = [];
  const signInPage: number[] = [];
  let examWireBytes = 0;
  for (const token of tokens) {
    // Unthrottled and not measured: the candidate starts Part One, as they would in the room.
    const setup = await browser.newContext();
    await setup.addCookies([{ name: SESSION_COOKIE, value: token, url: server.origin }]);
    const page = await setup.newPage();
    await page.goto(`${server.origin}/exam`);
    await page.getByRole('button', { name: 'Start Part One' }).click({ timeout: 60_000 });
    await page.getByRole('heading', { name: /^Question 1 of / }).waitFor({ timeout: 60_000 });
    await setup.close();

    const exam = await coldLoad(browser, server.origin, {
      token,
      url: '/exam',
      ready: (p) =>
        p.getByRole('heading', { name: /^Question 1 of / }).waitFor({ timeout: 120_000 }),
    });
    firstQuestion.push(exam.ms);
    examWireBytes = exam.wireBytes;
    const login = await coldLoad(browser, server.origin, {
      token: 'none',
      url: '/login',
      ready: (p) => p.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 120_000 }),
    });
    signInPage.push(login.ms);
    step(
      `cold load ${firstQuestion.length}: first question in ${ms(exam.ms)}, sign-in page in ${ms(login.ms)}`,
    );
  }
  const version = browser.version();
  await browser.close();
  await server.stop();
  return {
    bundles,
    problems: budgetProblems(dist),
    browser: `Chromium ${version}`,
    loads: firstQuestion.length,
    firstQuestion: summarize(Float64Array.from(firstQuestion)),
    signInPage: summarize(Float64Array.from(signInPage)),
    examWireBytes,
  };
}

export function clientReport(figures: ClientFigures): string {
  const f = figures;
  const throttle = `${THROTTLE.downloadBitsPerSecond / 1e6} Mbps down, ${THROTTLE.rttMs} ms RTT`;
  return [
    "\n================ The candidate's first page (issue 23, item 3) ================",
    'JavaScript each route adds to what the browser already loaded (kB = 1,000 bytes; brotli is what Chromium receives):\n',
    bundleTable(f.bundles),
    f.problems.length > 0
      ? `\nBudgets MISSED: ${f.problems.join('; ')}`
      : '\nBudgets met: sign-in + Part One <= 150 kB gzip, Part Two adds <= 120 kB, no chunk over 250 kB.',
    `\n${f.browser}, cold cache, CDP Network.emulateNetworkConditions ${throttle}, ${f.loads} loads each:\n`,
    table(
      ['page', 'p50', 'max'],
      [
        [
          '/exam -> "Question 1" on screen (Part One running)',
          ms(f.firstQuestion.p50),
          ms(f.firstQuestion.max),
        ],
        ['/login -> sign-in form on screen', ms(f.signInPage.p50), ms(f.signInPage.max)],
      ],
    ),
    `\nOne cold /exam load received ${kB(f.examWireBytes)} on the wire (every request, headers included).`,
  ].join('\n');
}
