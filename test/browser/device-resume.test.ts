import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const saved = (page: Page) =>
  expect.poll(() => page.getByTestId('save-indicator').textContent()).toMatch(/^All answers saved/);

/** Issue 15 item 2: after a crash the same browser resumes without a code, where it was. */
describe('resuming after a crash', () => {
  it('resumes on the same device without a code, on the same question; another device needs one', async () => {
    const casey = 'Casey Candidate';
    const { page: first, context: laptop } = await harness.newPage();
    await signIn(first, 'candidate@demo.test');
    await first.goto('/exam');
    await first.getByRole('button', { name: 'Start Part One' }).click();
    await first.getByRole('button', { name: /^Question 7,/ }).click();
    await first.getByRole('heading', { name: 'Question 7 of 60' }).waitFor();
    await first.locator('label.option', { hasText: 'C.' }).locator('input').check();
    await saved(first);

    // The browser crashes: the page is gone, and with it the sign-in (session cookies do not
    // outlive a browser); what the browser stored (IndexedDB, localStorage) stays.
    await first.close();
    await laptop.clearCookies();
    const again = await laptop.newPage();
    await signIn(again, 'candidate@demo.test');
    await again.goto('/exam');
    await again.getByRole('heading', { name: 'Question 7 of 60' }).waitFor();
    expect(
      await again.locator('label.option', { hasText: 'C.' }).locator('input').isChecked(),
    ).toBe(true);
    expect(await again.getByRole('heading', { name: 'Continue on this device' }).count()).toBe(0);
    expect(await again.getByText(/open on another device/).count()).toBe(0);
    await expectNoAxeViolations(again);

    // A different device (its own browser context, its own key) still needs the proctor's code.
    const { page: tablet, problems } = await harness.newPage();
    await signIn(tablet, 'candidate@demo.test');
    await tablet.goto('/exam');
    await tablet.getByRole('heading', { name: 'Continue on this device' }).waitFor();
    await tablet
      .getByRole('alert')
      .getByText(/open on another device/)
      .waitFor();
    await expectNoAxeViolations(tablet);

    const { page: proctor } = await harness.newPage();
    await signIn(proctor, 'proctor@demo.test');
    await proctor.goto('/proctor');
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await proctor.getByRole('button', { name: `Resume code: ${casey}` }).click();
    const dialog = proctor.getByRole('dialog', { name: `Resume code for ${casey}` });
    await dialog.getByRole('button', { name: 'Issue a code' }).click();
    const code = (await dialog.locator('.resume-code-value').textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Close' }).click();

    await tablet.getByLabel('Resume code').fill(code);
    await tablet.getByRole('button', { name: 'Continue here' }).click();
    await tablet.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    // Every notice about the other device is gone once it no longer applies, and stays gone.
    await expect.poll(() => tablet.getByText(/open on another device/).count()).toBe(0);
    expect(await tablet.getByRole('heading', { name: 'Continue on this device' }).count()).toBe(0);
    await tablet.locator('label.option', { hasText: 'A.' }).locator('input').check();
    await saved(tablet);
    expect(await tablet.getByText(/open on another device/).count()).toBe(0);
    await expectNoAxeViolations(tablet);
    expect(problems).toEqual([]);
  });
});
