import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  attemptDisplayPreferences,
  attemptItemTools,
  attempts,
  users,
} from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { expectNoHorizontalScroll } from '../support/layout-checks.js';

/**
 * Issue 15 item 6: the candidate's tools, each by keyboard alone, saved through the outbox and
 * back after a reload: strike out an option, highlight the stem, a notes pad, high contrast and
 * larger text (which still reflow at 320 px). axe on every state.
 */
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const indicator = (page: Page) => page.getByTestId('save-indicator');
const allSaved = (page: Page) =>
  expect.poll(() => indicator(page).textContent()).toMatch(/^All answers saved/);

async function storedTools(email: string) {
  const { db } = harness.database;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const [attempt] = await db.select().from(attempts).where(eq(attempts.candidateId, user!.id));
  const tools = await db
    .select()
    .from(attemptItemTools)
    .where(eq(attemptItemTools.attemptId, attempt!.id));
  const [display] = await db
    .select()
    .from(attemptDisplayPreferences)
    .where(eq(attemptDisplayPreferences.attemptId, attempt!.id));
  return { tools, display };
}

describe('candidate tools in the browser', () => {
  it('strikes out, highlights, keeps notes and changes the display by keyboard, all kept after a reload', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'candidate@demo.test');
    await page.getByRole('main').getByRole('link', { name: 'Your exam' }).click();
    await page.getByRole('button', { name: 'Start Part One' }).click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();

    // Strike out option B: Tab to its button, Space.
    const strikeB = page.getByRole('button', { name: 'Strike out option B' });
    await tabTo(page, strikeB);
    await page.keyboard.press('Space');
    await expect.poll(() => strikeB.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.option-row.struck s').count()).toBe(1);
    await allSaved(page);
    await expectNoAxeViolations(page);

    // Highlight the stem's first three characters: "Select text to highlight" puts the caret in
    // the stem, Shift+Right selects, H marks it.
    const stem = page.locator('.question-stem .highlightable');
    const stemText = (await stem.textContent()) ?? '';
    const selectText = page.getByRole('button', { name: 'Select text to highlight' });
    await tabTo(page, selectText);
    await page.keyboard.press('Enter');
    await expect.poll(() => stem.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('h');
    await expect.poll(() => stem.locator('mark').textContent()).toBe(stemText.slice(0, 3));
    // The text reads whole: the mark splits no words for a screen reader's text.
    expect(await stem.textContent()).toBe(stemText);
    await allSaved(page);
    await expectNoAxeViolations(page);

    // Notes: open the pad by keyboard and type.
    const summary = page.locator('.notes-pad summary');
    await tabTo(page, summary);
    await page.keyboard.press('Enter');
    const notes = page.getByLabel('Your notes on question 1 – only you see them');
    await tabTo(page, notes);
    await page.keyboard.type('Check the attachment cue first.');
    await expect.poll(() => page.locator('.notes-count').textContent()).toMatch(/^31 of 2,000/);
    await allSaved(page);
    await expectNoAxeViolations(page);

    // Display: high contrast and larger text, chosen by keyboard.
    // Past the actions and the 60 navigator cells: the settings close the page.
    await tabTo(page, page.locator('.exam-display summary'), 120);
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Larger text'));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('High contrast'));
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.evaluate(() => document.body.className))
      .toMatch(/exam-large-text.*exam-high-contrast|exam-high-contrast.*exam-large-text/);
    await allSaved(page);
    // High contrast keeps AA contrast (axe checks it), and larger text still reflows at 320 px.
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 320, height: 256 });
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    const stored = await storedTools('candidate@demo.test');
    expect(stored.tools).toEqual([
      expect.objectContaining({
        target: 'question',
        position: 1,
        struck: [1],
        highlights: [{ field: 'stem', start: 0, end: 3 }],
        note: 'Check the attachment cue first.',
      }),
    ]);
    expect(stored.display).toMatchObject({ largeText: true, highContrast: true });

    // A reload (or another device) gets every tool back from the server.
    await page.reload();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Strike out option B' }).getAttribute('aria-pressed'),
      )
      .toBe('true');
    expect(await stem.locator('mark').textContent()).toBe(stemText.slice(0, 3));
    expect(await notes.inputValue()).toBe('Check the attachment cue first.');
    expect(await page.evaluate(() => document.body.className)).toMatch(/exam-high-contrast/);

    // H on the highlighted text again removes the highlight.
    await tabTo(page, selectText);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('h');
    await expect.poll(() => stem.locator('mark').count()).toBe(0);
    await allSaved(page);
    await expectNoAxeViolations(page);
  });
});
