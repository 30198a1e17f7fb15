import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { prepareFirstStart } from '../../server/src/first-start.js';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

/**
 * A new deployment with no accounts: the first administrator is created, by keyboard, from the
 * one-time link the server prints, and the link is void afterwards.
 */
const PASSWORD = 'kettle-lantern-orbit-47';
let harness: BrowserHarness;
let setupUrl: string;

beforeAll(async () => {
  harness = await startBrowserHarness({ seed: false, env: { SEED_DEMO: 'false' } });
  const firstStart = await prepareFirstStart(harness.app, harness.database, harness.config);
  setupUrl = firstStart.setupLink!.url;
});

afterAll(async () => {
  await harness?.close();
});

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await tabTo(page, page.getByLabel(label, { exact: true }));
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('first administrator setup page', () => {
  it('without the link says what it needs', async () => {
    const opened = await harness.newPage();
    const { page } = opened;
    await page.goto('/setup');
    await heading(page, 'Set up the first administrator');
    await page.getByRole('alert').filter({ hasText: 'needs the setup link' }).waitFor();
    await expectNoAxeViolations(page);
    expect(opened.problems).toEqual([]);
  });

  it('creates the administrator from the link, by keyboard, and the link is void after', async () => {
    const opened = await harness.newPage();
    const { page } = opened;
    await page.goto(setupUrl);
    await heading(page, 'Set up the first administrator');
    await page.getByLabel('Email address').waitFor();
    await expectNoAxeViolations(page);

    await typeInto(page, 'Email address', 'head@centre.example');
    await typeInto(page, 'Full name', 'Grace Head');
    await typeInto(page, 'Password', 'password-for-centre');
    await typeInto(page, 'Password again', 'password-for-centre');
    await tabTo(page, page.getByRole('button', { name: 'Create administrator' }));
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Password: Do not build it on' }).waitFor();
    await expectNoAxeViolations(page);

    await typeInto(page, 'Password', PASSWORD);
    await typeInto(page, 'Password again', PASSWORD);
    await tabTo(page, page.getByRole('button', { name: 'Create administrator' }));
    await page.keyboard.press('Enter');
    const done = page.getByRole('heading', { level: 2, name: 'Administrator created' });
    await done.waitFor();
    await expect.poll(() => done.evaluate((el) => el === document.activeElement)).toBe(true);
    // The token is taken out of the address bar once used.
    expect(new URL(page.url()).hash).toBe('');
    await expectNoAxeViolations(page);

    expect(opened.problems).toEqual([]);

    // The same link opened again (a new tab, say) is refused before anything is typed.
    const again = await harness.newPage();
    await again.page.goto(setupUrl);
    await again.page
      .getByRole('alert')
      .filter({ hasText: 'An administrator already exists' })
      .waitFor();
    expect(await again.page.getByLabel('Email address').count()).toBe(0);
    await expectNoAxeViolations(again.page);

    await again.page.getByRole('link', { name: 'Go to sign in' }).click();
    await heading(again.page, 'Sign in');
    await again.page.getByLabel('Email address').fill('head@centre.example');
    await again.page.getByLabel('Password').fill(PASSWORD);
    await again.page.getByRole('button', { name: 'Sign in' }).click();
    // Outside the demo an administrator enrols a second factor before anything else.
    await heading(again.page, 'Your account');
    await again.page.getByRole('button', { name: 'Set up two-factor sign-in' }).waitFor();
    expect(await again.page.locator('header').textContent()).toContain('Signed in as Grace Head');
    expect(again.problems).toEqual([]);
  });
});
