import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enrolments, users } from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { reachPartTwo } from '../support/part-two-pages.js';
import {
  boxOf,
  expectHittable,
  expectInViewport,
  expectInside,
  expectNoHorizontalScroll,
  expectNotClipped,
  reflowViewports,
} from '../support/layout-checks.js';

/**
 * Issue 15 items 1, 3 and 4: the candidate's pages reflow at 320 CSS px and at 200% (both
 * parts), the site header gives way to the exam's own status bar and a sign-out that asks first,
 * and every option row is one large target with its focus ring round the row.
 */
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const DESKTOP = { width: 1280, height: 800 };
const options = (page: Page) => page.locator('label.option');

/** One line: the clock and the save state side by side, in a bar no taller than one row. */
async function expectStatusBarOnOneLine(page: Page): Promise<void> {
  const bar = page.getByRole('region', { name: 'Exam status' });
  const clock = bar.locator('.exam-clock-time');
  const save = bar.locator('.save-short');
  const barBox = await boxOf(bar);
  expect(barBox.height, 'status bar taller than one line').toBeLessThanOrEqual(56);
  const [c, s] = [await boxOf(clock), await boxOf(save)];
  expect(Math.abs(c.y + c.height / 2 - (s.y + s.height / 2))).toBeLessThan(8);
  await expectInViewport(page, clock);
  await expectInViewport(page, save);
  await expectNotClipped(save);
}

/** The status bar stays on screen, one line, wherever the candidate has scrolled to. */
async function expectStatusBarAtTopAndBottom(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectStatusBarOnOneLine(page);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expectStatusBarOnOneLine(page);
}

/** A page between parts (a lobby): no sideways scroll at either size, and axe passes. */
async function expectReflowsAtEverySize(page: Page): Promise<void> {
  for (const viewport of reflowViewports) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);
  }
  await page.setViewportSize(DESKTOP);
}

describe('the candidate pages reflow and keep the exam in front', () => {
  it('Part One and Part Two at 320 px and at 200%: no sideways scroll, timer on screen, every option whole and clickable', async () => {
    const { page, problems } = await harness.newPage();
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'candidate@demo.test');
    await page.goto('/exam');
    // Before the exam starts the header is there, with its links.
    await page.locator('.site-header').waitFor();
    await page.getByRole('button', { name: 'Start Part One' }).waitFor();
    await expectReflowsAtEverySize(page);
    await page.getByRole('button', { name: 'Start Part One' }).click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();

    // During the part: no header, no links away from the exam.
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Your results' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);

    // A flagged, answered question, so the navigator shows its mark.
    await page.getByRole('button', { name: /^Question 2,/ }).click();
    await page.getByLabel('Flag for review').check();
    await page.getByRole('button', { name: /^Question 2, unanswered, flagged/ }).waitFor();

    for (const viewport of reflowViewports) {
      await page.setViewportSize(viewport);
      await page.getByRole('button', { name: /^Question 1,/ }).click();
      await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
      await expectNoHorizontalScroll(page);
      await expectStatusBarAtTopAndBottom(page);

      // Each option: inside the width, text not cut off, not under the sticky bar, at least 24 px.
      expect(await options(page).count()).toBe(4);
      for (const option of await options(page).all()) {
        await expectHittable(option);
        const box = await boxOf(option);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        expect(box.height).toBeGreaterThanOrEqual(24);
        await expectNotClipped(option);
      }
      // A click anywhere on the row, here near its right edge, chooses the option.
      const third = options(page).nth(2);
      await expectHittable(third);
      const box = await boxOf(third);
      await page.mouse.click(box.x + box.width - 6, box.y + box.height / 2);
      expect(await third.locator('input').isChecked()).toBe(true);

      // The navigator wraps inside the width; the flag mark sits inside its cell.
      const flaggedCell = page.getByRole('button', { name: /^Question 2, unanswered, flagged/ });
      await flaggedCell.scrollIntoViewIfNeeded();
      await expectInside(flaggedCell.locator('.nav-flag'), flaggedCell);
      const cells = page.getByRole('navigation', { name: 'Questions' }).getByRole('button');
      const last = await boxOf(cells.last());
      expect(last.x + last.width).toBeLessThanOrEqual(viewport.width);
      await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page);
      await page.evaluate(() => window.scrollTo(0, 0));
    }

    // Part Two, at the same two sizes.
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: 'Review and submit' }).click();
    await page.getByRole('button', { name: 'Submit Part One…' }).click();
    await page.getByRole('button', { name: 'Yes, submit Part One' }).click();
    await page.getByRole('button', { name: 'Start Part Two' }).waitFor();
    await expectReflowsAtEverySize(page);
    await page.getByRole('button', { name: 'Start Part Two' }).click();
    await page.getByRole('tablist', { name: 'Vignettes' }).waitFor();
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    for (const viewport of reflowViewports) {
      await page.setViewportSize(viewport);
      await expectNoHorizontalScroll(page);
      await expectStatusBarAtTopAndBottom(page);
      for (const part of [
        page.getByRole('tablist', { name: 'Vignettes' }),
        page.getByRole('toolbar', { name: 'Formatting for vignette 1' }),
        page.getByRole('textbox', { name: 'Your response to vignette 1' }),
        page.getByRole('tabpanel').getByLabel('Answer this vignette'),
      ]) {
        const box = await boxOf(part);
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      }
      for (const tab of await page.getByRole('tab').all()) await expectHittable(tab);
      await expectHittable(page.getByRole('tabpanel').locator('label.choose-vignette'));
      await expectNoAxeViolations(page);
    }
    expect(problems).toEqual([]);
  });

  it('option rows are the target, with the focus ring round the row; sign-out asks first and says the clock keeps running', async () => {
    const { page, problems } = await harness.newPage();
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'mentor.research@demo.test');
    await page.goto('/exam');
    await page.getByRole('button', { name: 'Start Part One' }).click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();

    // Keyboard focus on an option draws the ring round its whole row, not round the radio.
    const first = options(page).first();
    await tabTo(page, first.locator('input'));
    const ring = await first.evaluate((row) => {
      const style = getComputedStyle(row);
      const input = getComputedStyle(row.querySelector('input')!);
      return { row: [style.outlineStyle, style.outlineWidth], input: input.outlineStyle };
    });
    expect(ring).toEqual({ row: ['solid', '3px'], input: 'none' });
    await expectNoAxeViolations(page);
    await page.keyboard.press('ArrowDown');
    expect(await options(page).nth(1).locator('input').isChecked()).toBe(true);
    for (const row of [...(await options(page).all()), page.locator('.question-tools .flag')]) {
      const box = await boxOf(row);
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
    // The flag's row is a target too: a click on its words, away from the box, flags.
    const flag = page.locator('.question-tools .flag');
    const flagBox = await boxOf(flag);
    await page.mouse.click(flagBox.x + flagBox.width - 6, flagBox.y + flagBox.height / 2);
    await page.getByRole('button', { name: /^Question 1, answered, flagged/ }).waitFor();

    // Sign-out is on the exam page, behind a confirmation that says the clock does not stop.
    const signOut = page.getByRole('button', { name: 'Sign out…' });
    await signOut.click();
    const confirm = page.getByRole('alertdialog', { name: 'Sign out during the exam?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('The clock keeps running');
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await signOut.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await signOut.click();
    await confirm.getByRole('button', { name: 'Yes, sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // Outside the exam the header is back.
    await page.locator('.site-header').waitFor();
    expect(problems).toEqual([]);
  });

  it('while the proctor has paused Part Two, every control says it is unavailable, the toolbar included', async () => {
    const { page, problems } = await harness.newPage();
    const { page: proctor } = await harness.newPage();
    await page.setViewportSize(DESKTOP);
    await signIn(page, 'mentor.policy@demo.test');
    await reachPartTwo(page);
    const toolbar = page.getByRole('toolbar', { name: 'Formatting for vignette 1' });
    const editor = page.getByRole('textbox', { name: 'Your response to vignette 1' });
    const review = page.getByRole('button', { name: 'Review and submit' });
    const choose = page.getByRole('tabpanel').getByLabel('Answer this vignette');
    const otherTab = page.getByRole('tab', { name: /^Vignette 2\b/ });
    await editor.click();
    await page.keyboard.type('Before the pause.');

    await signIn(proctor, 'proctor@demo.test');
    const act = (action: 'pause' | 'resume') =>
      proctorAction(proctor, 'mentor.policy@demo.test', action);
    await act('pause');
    await page.getByText('The exam is paused by the proctor. The clock is stopped.').waitFor();
    await page.getByText('Paused: nothing can be changed until the proctor resumes.').waitFor();
    expect(await toolbar.getAttribute('aria-disabled')).toBe('true');
    for (const button of await toolbar.getByRole('button').all()) {
      expect(await button.getAttribute('aria-disabled')).toBe('true');
    }
    expect(await editor.getAttribute('contenteditable')).toBe('false');
    expect(await choose.isDisabled()).toBe(true);
    expect(await review.isDisabled()).toBe(true);
    expect(await otherTab.getAttribute('aria-disabled')).toBe('true');
    // Nothing moves, even when clicked regardless: Bold does not apply, the other vignette stays shut.
    await toolbar.getByRole('button', { name: 'Bold' }).click({ force: true });
    expect(await toolbar.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await otherTab.click({ force: true });
    expect(await otherTab.getAttribute('aria-selected')).toBe('false');
    // The sign-out stays available, and the exam's status bar with it.
    await page.getByRole('button', { name: 'Sign out…' }).waitFor();
    await page.getByText('(paused)').waitFor();
    await expectNoAxeViolations(page);

    await act('resume');
    await expect.poll(() => toolbar.getAttribute('aria-disabled')).toBeNull();
    expect(await editor.getAttribute('contenteditable')).toBe('true');
    expect(await review.isDisabled()).toBe(false);
    expect(await choose.isDisabled()).toBe(false);
    await otherTab.click();
    expect(await otherTab.getAttribute('aria-selected')).toBe('true');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
});

/** Pauses or resumes a candidate through the proctor's own API, as the dashboard's buttons do. */
async function proctorAction(proctor: Page, email: string, action: 'pause' | 'resume') {
  const { db } = harness.database;
  const [row] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.candidateId))
    .where(eq(users.email, email));
  const response = await proctor.request.post(`/api/proctoring/enrolments/${row!.id}/${action}`, {
    data: { reason: action === 'pause' ? 'Fire alarm in the building' : 'All clear' },
    headers: { origin: harness.baseUrl },
  });
  expect(response.status()).toBe(200);
}
