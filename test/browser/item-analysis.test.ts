import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sitPartOne } from '../../server/test/helpers/analysis-fixture.js';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
  signIn,
} from '../support/browser-harness.js';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
  // Two IMH-E candidates: one right on 1–40, one on 1–20; wrong to 55, then omitted.
  const planFor = (upTo: number) => (position: number) =>
    position <= upTo ? 'key' : position <= 55 ? 'next' : 'omit';
  await sitPartOne(harness.app, harness.database.db, 'candidate@demo.test', planFor(40));
  await sitPartOne(harness.app, harness.database.db, 'mentor.research@demo.test', planFor(20));
});

afterAll(async () => {
  await harness?.close();
});

/** The question labels of the items table, top to bottom. */
async function questionOrder(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: /^Items, sorted by/ });
  const headers = await table.locator('tbody th').allTextContents();
  return headers.map((text) => text.replace(/\s*v\d+$/, '').trim());
}

describe('item analysis page', () => {
  it('shows figures, flags and charts with tables, sorts by keyboard, and passes axe', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'psychometrician@demo.test');

    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Item analysis' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Item analysis' }).waitFor();
    await page.getByRole('table', { name: 'The whole form' }).waitFor();
    const summary = await page.getByRole('table', { name: 'The whole form' }).textContent();
    expect(summary).toContain('Candidates2');
    expect(summary).toContain('Mean score30.00');
    // Domains go by their names, in both tables, never by their codes.
    const domains = page.getByRole('table', { name: /^Competency domains/ });
    await domains.getByRole('rowheader', { name: 'Direct Service Skills' }).waitFor();
    expect(await domains.textContent()).not.toContain('direct-service-skills');
    const items = page.getByRole('table', { name: /^Items, sorted by/ });
    expect(await items.textContent()).toContain('Direct Service Skills');
    expect(await items.textContent()).not.toContain('direct-service-skills');

    // Flags are listed with their reasons.
    const flags = page.getByRole('region', { name: /^Flags/ });
    expect(await flags.getByRole('heading').textContent()).toMatch(/Flags \(\d+ question/);
    expect(await flags.textContent()).toContain('answered correctly');

    // Sort by p by keyboard: first ascending (hardest first), then descending.
    expect((await questionOrder(page)).slice(0, 2)).toEqual(['Q1', 'Q2']);
    await tabTo(page, page.getByRole('button', { name: 'p (difficulty)' }));
    await page.keyboard.press('Enter');
    const pHeader = page.getByRole('columnheader', { name: 'p (difficulty)' });
    expect(await pHeader.getAttribute('aria-sort')).toBe('ascending');
    expect((await questionOrder(page))[0]).toBe('Q41');
    await page.keyboard.press('Enter');
    expect(await pHeader.getAttribute('aria-sort')).toBe('descending');
    expect((await questionOrder(page))[0]).toBe('Q1');

    // The charts are there, each with its table for screen readers.
    await page
      .getByRole('table', { name: /^Score distribution: candidates at each score/ })
      .waitFor();
    await page
      .getByRole('table', { name: 'Difficulty against discrimination: the numbers' })
      .waitFor();
    await page.getByRole('table', { name: /^Option curves of question/ }).waitFor();
    await page.getByRole('table', { name: /who chose each option/ }).waitFor();
    expect(await page.locator('.analysis-chart svg').count()).toBeGreaterThanOrEqual(3);

    // Export links point at the server's files.
    const csv = page.getByRole('link', { name: 'Download CSV' });
    expect(await csv.getAttribute('href')).toMatch(/\/analysis\.csv\?sittingId=/);

    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('links a flagged question to its bank page for a coordinator', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    await page.goto('/analysis');
    const link = page
      .getByRole('region', { name: /^Flags/ })
      .getByRole('link', { name: /open it in the bank/ })
      .first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/coordinator\/bank\/items\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
});
