import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

/**
 * Issue 15 item 7: a candidate's reloads make one entry under "Needs attention", one line per
 * disconnection with how long it lasted; acknowledging it (by keyboard) clears it for every
 * proctor of the sitting and after a reload, leaving it in the collapsed history. axe each state.
 */
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const CASEY = 'Casey Candidate';

async function openDashboard(page: Page): Promise<void> {
  await signIn(page, 'proctor@demo.test');
  await page.goto('/proctor');
  await page.getByRole('link', { name: 'Demo sitting (practice)' }).click();
  await page.getByText('Live: changes appear as they happen.').waitFor();
}

const attention = (page: Page) => page.locator('.attention-item');

describe('proctor alerts', () => {
  it('groups a candidate’s reconnects into one entry with durations, and an acknowledgement holds', async () => {
    const { page: candidate } = await harness.newPage();
    const { page: proctor, problems } = await harness.newPage();
    const { page: second } = await harness.newPage();
    await openDashboard(proctor);
    await openDashboard(second);
    await expect.poll(() => attention(proctor).count()).toBe(0);

    await signIn(candidate, 'candidate@demo.test');
    await candidate.goto('/exam');
    await candidate.getByRole('button', { name: 'Start Part One' }).click();
    await candidate.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    // Three reloads: three disconnections, each ended by the reconnect that follows.
    for (let i = 0; i < 3; i += 1) {
      await candidate.reload();
      await candidate.getByRole('heading', { name: /^Question \d+ of 60$/ }).waitFor();
    }

    const entry = attention(proctor).filter({ hasText: CASEY });
    await expect.poll(() => entry.locator('li.alert-disconnect').count()).toBe(3);
    expect(await attention(proctor).count()).toBe(1);
    await expect
      .poll(() => entry.locator('li.alert-disconnect').allTextContents())
      .toEqual([
        expect.stringMatching(/lost their connection and was back after \d+ s\.$/),
        expect.stringMatching(/lost their connection and was back after \d+ s\.$/),
        expect.stringMatching(/lost their connection and was back after \d+ s\.$/),
      ]);
    expect(await entry.getByText('Still away.').count()).toBe(0);
    await expectNoAxeViolations(proctor);

    // Acknowledge by keyboard; the other proctor's screen agrees at once.
    await tabTo(proctor, entry.getByRole('button', { name: 'Acknowledge' }));
    await proctor.keyboard.press('Enter');
    await proctor.getByText('No candidate needs attention.').waitFor();
    // The entry went with its button: focus goes to the list's heading, not the page body.
    await expect
      .poll(() => proctor.evaluate(() => document.activeElement?.textContent ?? null))
      .toBe('Needs attention');
    await second.getByText('No candidate needs attention.').waitFor();
    await expectNoAxeViolations(proctor);

    // Stored: a reload still shows it dealt with, and the history keeps the lines.
    await proctor.reload();
    await proctor.getByText('Live: changes appear as they happen.').waitFor();
    await proctor.getByText('No candidate needs attention.').waitFor();
    const history = proctor.locator('.alert-history');
    await tabTo(proctor, history.locator('summary'));
    await proctor.keyboard.press('Enter');
    await expect.poll(() => history.locator('li.alert-disconnect').count()).toBe(3);
    await expectNoAxeViolations(proctor);
    expect(problems).toEqual([]);
  });
});
