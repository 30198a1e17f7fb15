import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { launchChromium } from '../support/browser-harness.js';
import {
  findBrowser,
  unpackPackagedChromium,
  type BrowserChoice,
} from '../support/find-browser.js';

const PACKAGED_HERE = process.platform === 'linux' && process.arch === 'x64';

/** A fresh clone runs the browser tests with whatever Chromium it can find, or says what to install. */
describe('browser discovery', () => {
  let folder: string;
  let first: string;
  let second: string;
  const packagedStub: BrowserChoice = {
    executablePath: '/pkg/chromium',
    args: [],
    source: 'packaged',
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'find-browser-'));
    first = join(folder, 'chromium');
    second = join(folder, 'google-chrome');
    for (const path of [first, second]) {
      await writeFile(path, '#!/bin/sh\n');
      await chmod(path, 0o755);
    }
    await writeFile(join(folder, 'not-executable'), '');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('prefers CHROMIUM_PATH, then installed browsers in order, then the packaged one', async () => {
    const packaged = () => Promise.resolve(packagedStub);
    const missing = join(folder, 'missing');
    expect(
      await findBrowser({ env: { CHROMIUM_PATH: second }, installedPaths: [first], packaged }),
    ).toMatchObject({ executablePath: second, source: 'CHROMIUM_PATH' });
    expect(
      await findBrowser({ env: {}, installedPaths: [missing, first, second], packaged }),
    ).toMatchObject({ executablePath: first, source: 'installed' });
    expect(await findBrowser({ env: {}, installedPaths: [missing], packaged })).toBe(packagedStub);
    expect(
      await findBrowser({ env: { BROWSER: 'packaged' }, installedPaths: [first], packaged }),
    ).toBe(packagedStub);
  });

  it('fails with one line naming what to install when nothing serves', async () => {
    const none = () => Promise.resolve(undefined);
    const error = await findBrowser({ env: {}, installedPaths: [], packaged: none }).catch(
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).toContain('apt-get install -y chromium');
    expect((error as Error).message).toContain('@sparticuz/chromium');

    await expect(
      findBrowser({ env: { CHROMIUM_PATH: join(folder, 'not-executable') }, packaged: none }),
    ).rejects.toThrow(/CHROMIUM_PATH=.*not-executable is not an executable file/);
    await expect(
      findBrowser({ env: { BROWSER: 'packaged' }, installedPaths: [first], packaged: none }),
    ).rejects.toThrow(/BROWSER=packaged.*npm install/);
    await expect(findBrowser({ env: { BROWSER: 'firefox' } })).rejects.toThrow(/BROWSER must be/);
  });

  it('an installed browser that will not start gives way to the packaged one', async () => {
    const broken = join(folder, 'chromium-browser');
    await writeFile(broken, '#!/bin/sh\necho "this is a snap wrapper" >&2\nexit 1\n');
    await chmod(broken, 0o755);
    if (!PACKAGED_HERE) {
      await expect(launchChromium({ env: {}, installedPaths: [broken] })).rejects.toThrow(
        /did not start/,
      );
      return;
    }
    const browser = await launchChromium({ env: {}, installedPaths: [broken] });
    try {
      const packagedVersion = (await unpackPackagedChromium())!.source.split(' ').pop()!;
      expect(browser.version().split('.')[0]).toBe(packagedVersion.split('.')[0]);
    } finally {
      await browser.close();
    }
    await expect(
      launchChromium({ env: {}, installedPaths: [broken], packaged: async () => undefined }),
    ).rejects.toThrow(/chromium-browser did not start .*apt-get install -y chromium/);
  }, 120_000);

  it('unpacks the Chromium shipped in @sparticuz/chromium and drives a page with it', async () => {
    const choice = await unpackPackagedChromium();
    if (!PACKAGED_HERE) {
      // The package carries a Linux x64 build only; elsewhere it must say it is not there.
      expect(choice).toBeUndefined();
      return;
    }
    expect(choice?.source).toMatch(/^packaged @sparticuz\/chromium /);
    const browser = await chromium.launch({
      executablePath: choice!.executablePath,
      args: ['--headless', '--no-sandbox', ...choice!.args],
      env: choice!.env,
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1>Ready</h1></main>');
      expect(await page.getByRole('heading', { name: 'Ready' }).textContent()).toBe('Ready');
      // Its own libraries, not the host's: the packaged path must not need Chromium's packages.
      expect(choice!.env?.LD_LIBRARY_PATH).toMatch(/al2023\/lib/);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
