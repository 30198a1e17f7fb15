import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attemptItemTools,
  attempts,
  candidateProfiles,
  users,
} from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { indicator, reachPartTwo, signIn } from '../support/part-two-pages.js';

/**
 * Issue 15 item 6, in Part Two and from an accommodation: a highlight in the vignette's case and
 * a note for the vignette, by keyboard and back after a reload; and larger text and high
 * contrast given by the candidate's accommodation, shown as given and applied. axe on each state.
 */
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const allSaved = (page: Parameters<typeof indicator>[0]) =>
  expect.poll(() => indicator(page).textContent()).toMatch(/^All answers saved/);

async function userId(email: string): Promise<string> {
  const [user] = await harness.database.db.select().from(users).where(eq(users.email, email));
  return user!.id;
}

async function storedTools(email: string) {
  const { db } = harness.database;
  const [attempt] = await db
    .select()
    .from(attempts)
    .where(eq(attempts.candidateId, await userId(email)));
  return db.select().from(attemptItemTools).where(eq(attemptItemTools.attemptId, attempt!.id));
}

describe('candidate tools in Part Two and from an accommodation', () => {
  it('highlights the vignette and keeps a note for it by keyboard, both back after a reload', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'candidate@demo.test');
    await reachPartTwo(page);
    const panel = page.getByRole('tabpanel');
    const caseText = panel.locator('.vignette-case .highlightable').first();
    await caseText.waitFor();
    const text = (await caseText.textContent()) ?? '';

    // "Select text to highlight" puts the caret in the case; Shift+Right selects; H marks it.
    const selectText = panel.getByRole('button', { name: 'Select text to highlight' });
    await tabTo(page, selectText, 80);
    await page.keyboard.press('Enter');
    await expect.poll(() => caseText.evaluate((e) => e === document.activeElement)).toBe(true);
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('h');
    await expect.poll(() => caseText.locator('mark').textContent()).toBe(text.slice(0, 4));
    expect(await caseText.textContent()).toBe(text);
    await allSaved(page);
    await expectNoAxeViolations(page);

    // The vignette's notes pad, opened and written by keyboard.
    const summary = panel.locator('.notes-pad summary');
    await tabTo(page, summary, 80);
    await page.keyboard.press('Enter');
    const notes = page.getByLabel('Your notes on vignette 1 – only you see them');
    await tabTo(page, notes);
    await page.keyboard.type('Start with the safety concern.');
    await expect.poll(() => panel.locator('.notes-count').textContent()).toMatch(/^30 of 2,000/);
    // Leaving the pad saves at once.
    await page.keyboard.press('Tab');
    await allSaved(page);
    await expectNoAxeViolations(page);

    await expect
      .poll(() => storedTools('candidate@demo.test'))
      .toEqual([
        expect.objectContaining({
          target: 'vignette',
          position: 1,
          highlights: [{ field: 'case:0', start: 0, end: 4 }],
          note: 'Start with the safety concern.',
        }),
      ]);

    await page.reload();
    await page.getByRole('tablist', { name: 'Vignettes' }).waitFor();
    await expect.poll(() => caseText.locator('mark').textContent()).toBe(text.slice(0, 4));
    expect(await notes.inputValue()).toBe('Start with the safety concern.');
    // A written note opens its pad, so the candidate sees it without looking.
    expect(await panel.locator('.notes-pad').getAttribute('open')).not.toBeNull();
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('applies larger text and high contrast given by the accommodation, shown as given', async () => {
    const email = 'mentor.research@demo.test';
    await harness.database.db
      .update(candidateProfiles)
      .set({ largeText: true, highContrast: true, accommodationValidUntil: null })
      .where(eq(candidateProfiles.userId, await userId(email)));

    const { page, problems } = await harness.newPage();
    await signIn(page, email);
    await reachPartTwo(page);
    await expect
      .poll(() => page.evaluate(() => document.body.className))
      .toMatch(/exam-large-text.*exam-high-contrast|exam-high-contrast.*exam-large-text/);
    // 125% of the 16 px default.
    expect(
      await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize)),
    ).toBe(20);

    const summary = page.locator('.exam-display summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    for (const label of ['Larger text', 'High contrast']) {
      const box = page.getByLabel(label);
      expect(await box.isChecked()).toBe(true);
      expect(await box.isDisabled()).toBe(true);
      expect(await page.locator('.display-setting', { hasText: label }).textContent()).toContain(
        '(given by your accommodation)',
      );
    }
    // High contrast keeps AA contrast: axe checks it on the whole page.
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
});
