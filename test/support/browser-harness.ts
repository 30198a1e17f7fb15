import { expect } from 'vitest';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { buildApp } from '../../server/src/app.js';
import { loadConfig, type AppConfig } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/client.js';
import { systemClock, type Clock } from '../../server/src/lib/clock.js';
import { seedDemo } from '../../server/src/seed/seed.js';
import { createTestDatabase } from '../../server/test/helpers/test-database.js';
import {
  findBrowser,
  INSTALL_HINT,
  unpackPackagedChromium,
  type BrowserChoice,
  type FindBrowserOptions,
} from './find-browser.js';

import { DEMO_PASSWORD } from '../../server/src/seed/demo-people.js';

export { DEMO_PASSWORD, demoPeople } from '../../server/src/seed/demo-people.js';
export { expectNoAxeViolations } from './axe.js';

const clientDist = fileURLToPath(new URL('../../client/dist', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserHarness {
  /** http://127.0.0.1:<port>, also the server's PUBLIC_ORIGIN. */
  baseUrl: string;
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  browser: Browser;
  /**
   * A page in its own browser context (own cookies). Console errors and CSP violations on it are
   * collected in `problems`, which `close()` of the harness does not check; tests assert on them.
   */
  newPage(): Promise<HarnessPage>;
  close(): Promise<void>;
}

export interface HarnessPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors, CSP violations included; 4xx API answers are not. */
  problems: string[];
}

/** A loopback port that was free a moment ago; the server binds it right after. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not pick a free port'));
      });
    });
  });
}

let announced = false;

/** A fake webcam that needs no permission prompt: for the identity check-in tests. */
export const FAKE_CAMERA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
] as const;

function launchChoice(choice: BrowserChoice, extraArgs: readonly string[]): Promise<Browser> {
  return chromium.launch({
    executablePath: choice.executablePath,
    args: [...CHROMIUM_ARGS, ...choice.args, ...extraArgs],
    env: choice.env,
  });
}

/**
 * Launches the Chromium that findBrowser picks (CHROMIUM_PATH, an installed one, the packaged
 * one); throws (so the test fails, never skips) with what to install when there is none. An
 * installed browser that will not start (a snap wrapper, say) gives way to the packaged one.
 */
export async function launchChromium(
  options: FindBrowserOptions = {},
  /** Added to the default flags for this launch only (e.g. FAKE_CAMERA_ARGS). */
  extraArgs: readonly string[] = [],
): Promise<Browser> {
  let choice = await findBrowser(options);
  let browser: Browser;
  try {
    browser = await launchChoice(choice, extraArgs);
  } catch (error) {
    if (choice.source !== 'installed') throw error;
    const packaged = await (options.packaged ?? unpackPackagedChromium)();
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    if (!packaged) {
      throw new Error(`${choice.executablePath} did not start (${reason}): ${INSTALL_HINT}.`);
    }
    console.warn(`browser tests: ${choice.executablePath} did not start; using the packaged one`);
    choice = packaged;
    browser = await launchChoice(choice, extraArgs);
  }
  if (!announced) {
    announced = true;
    console.info(
      `browser tests: Chromium ${browser.version()} (${choice.source}: ${choice.executablePath})`,
    );
  }
  return browser;
}

/**
 * Starts the real server in-process on a fresh, demo-seeded database, serving the built client
 * (see build-client.ts), and launches Chromium. Call `close()` in afterAll.
 */
export async function startBrowserHarness(
  options: {
    seed?: boolean;
    env?: Record<string, string>;
    /** The server's clock; real time unless a test moves it (see offset-clock.ts). */
    clock?: Clock;
    /** Extra Chromium flags for this harness only, e.g. FAKE_CAMERA_ARGS. */
    chromiumArgs?: readonly string[];
  } = {},
): Promise<BrowserHarness> {
  if (!existsSync(`${clientDist}/index.html`)) {
    throw new Error(
      `No client build in ${clientDist}: is test/support/build-client.ts the globalSetup?`,
    );
  }
  const browser = await launchChromium({}, options.chromiumArgs);
  const { database, drop } = await createTestDatabase();
  let app: FastifyInstance | undefined;
  try {
    if (options.seed !== false) await seedDemo(database.db);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: baseUrl,
      CLIENT_DIST: clientDist,
      ...options.env,
    });
    app = await buildApp({ config, database, clock: options.clock ?? systemClock });
    await app.listen({ host: '127.0.0.1', port });
    const started = app;
    const contexts: BrowserContext[] = [];

    return {
      baseUrl,
      app: started,
      database,
      config,
      browser,
      async newPage() {
        const context = await browser.newContext({ baseURL: baseUrl });
        contexts.push(context);
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          // Chromium logs every 4xx answer; those are the API speaking, not the page failing.
          if (
            /^Failed to load resource: the server responded with a status of 4\d\d/.test(
              message.text(),
            )
          )
            return;
          problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        return { page, context, problems };
      },
      async close() {
        await Promise.allSettled(contexts.map((c) => c.close()));
        await browser.close();
        await started.close();
        await drop();
      },
    };
  } catch (error) {
    await app?.close();
    await browser.close();
    await drop();
    throw error;
  }
}

/**
 * Presses Tab until `target` has focus, proving it is reachable by keyboard; fails after
 * `maxPresses`. Use with `page.keyboard` for keyboard-only flows.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < maxPresses; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  if (await target.evaluate((element) => element === document.activeElement)) return;
  throw new Error(`${String(target)} was not reached after ${maxPresses} Tab presses`);
}

const EMBEDDED_NOTICE =
  'Embedded database: for trying the platform and practice sittings only — not for a live sitting.';

/**
 * Staff pages warn that the embedded database is for practice; on PostgreSQL (TEST_DATABASE_URL)
 * they must not.
 */
export async function expectEmbeddedNoticeAsFitting(
  harness: BrowserHarness,
  page: Page,
): Promise<void> {
  const notice = page.getByText(EMBEDDED_NOTICE);
  if (harness.database.kind === 'pglite') await notice.waitFor();
  else expect(await notice.count()).toBe(0);
}

/** Signs in through the login page with the demo password and waits for Home. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
}
