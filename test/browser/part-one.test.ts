import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answers, attempts, users } from '../../server/src/db/schema/index.js';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  type BrowserHarness,
  signIn,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function answer(page: Page, position: number, letter: 'A' | 'B' | 'C' | 'D'): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Question ${position},`) }).click();
  await page.getByRole('heading', { name: `Question ${position} of 60` }).waitFor();
  await page
    .locator('label.option', { hasText: `${letter}.` })
    .locator('input')
    .check();
}

const isFocused = (element: Element) => element === document.activeElement;

const indicator = (page: Page) => page.getByTestId('save-indicator');

async function storedAnswers(email: string) {
  const { db } = harness.database;
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const [attempt] = await db.select().from(attempts).where(eq(attempts.candidateId, user!.id));
  return db
    .select()
    .from(answers)
    .where(and(eq(answers.attemptId, attempt!.id)));
}

describe('Part One in the browser', () => {
  it('keeps every answer through a network cut and a closed tab, and says plainly what is waiting', async () => {
    const { page: firstPage, context } = await harness.newPage();
    let page = firstPage;
    // The exam socket can be cut while the page itself still loads: the way a flaky network fails.
    let socketCut = false;
    await context.routeWebSocket(/\/ws\/exam$/, async (ws) => {
      if (socketCut) await ws.close({ code: 4503, reason: 'network cut (test)' });
      else ws.connectToServer();
    });

    await signIn(page, 'candidate@demo.test');
    await page.getByRole('main').getByRole('link', { name: 'Your exam' }).click();
    await page.getByRole('button', { name: 'Start Part One' }).click();
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await expectNoAxeViolations(page);

    await answer(page, 1, 'A');
    await answer(page, 2, 'B');
    await answer(page, 3, 'C');
    await expect.poll(() => indicator(page).textContent()).toMatch(/^All answers saved/);

    // Cut the network and keep answering.
    socketCut = true;
    await context.setOffline(true);
    await answer(page, 4, 'D');
    await answer(page, 5, 'A');
    await expect
      .poll(() => indicator(page).textContent())
      .toMatch(/2 changes waiting to save – you are offline/);

    // Two more changes (question 5 changed to B, then flagged) and the tab closed at once, while
    // the exam socket is still unreachable: nothing made on this device is lost, however soon
    // the page goes, even a change still queued behind another's write.
    await context.setOffline(false);
    await page.evaluate(changeQuestionFive);
    await page.close();
    page = await context.newPage();
    await page.goto('/exam');
    // Questions come only from the server (no exam content is kept on the device); the changes
    // made offline are, and the indicator says so.
    await expect
      .poll(() => indicator(page).textContent())
      .toMatch(/4 changes waiting to save – reconnecting/);

    // The network returns: the outbox is replayed and every change acknowledged.
    socketCut = false;
    await expect
      .poll(() => indicator(page).textContent(), { timeout: 30_000 })
      .toMatch(/^All answers saved – /);
    await page.getByRole('button', { name: /^Question 4, answered/ }).waitFor();
    await page.getByRole('button', { name: /^Question 5, answered, flagged/ }).waitFor();
    const stored = await storedAnswers('candidate@demo.test');
    expect(stored.map((a) => [a.position, a.choice, a.flagged]).sort()).toEqual([
      [1, 0, false],
      [2, 1, false],
      [3, 2, false],
      [4, 3, false],
      [5, 1, true],
    ]);
    await page.getByRole('button', { name: /^Question 4, answered/ }).click();
    expect(await page.locator('label.option', { hasText: 'D.' }).locator('input').isChecked()).toBe(
      true,
    );

    // Review, then submit with an explicit confirmation.
    await page.getByRole('button', { name: 'Review and submit' }).click();
    await page.getByRole('heading', { name: 'Review Part One' }).waitFor();
    await expectNoAxeViolations(page);
    // The confirmation is modal, starts on Cancel, and Escape backs out to the button that opened it.
    const submit = page.getByRole('button', { name: 'Submit Part One…' });
    const confirm = page.getByRole('alertdialog', { name: 'Submit Part One now?' });
    await submit.click();
    await confirm.waitFor();
    await expectNoAxeViolations(page);
    expect(await confirm.getByRole('button', { name: 'Cancel' }).evaluate(isFocused)).toBe(true);
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await submit.evaluate(isFocused)).toBe(true);
    await submit.click();
    await confirm.getByRole('button', { name: 'Yes, submit Part One' }).click();
    await page.getByRole('heading', { name: 'Part One is closed' }).waitFor();
    await expectNoAxeViolations(page);
  });

  it('works by keyboard alone: start, choose with arrow keys, move on', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'mentor.policy@demo.test');
    await page.goto('/exam');
    const start = page.getByRole('button', { name: 'Start Part One' });
    await start.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('label.option', { hasText: 'B.' }).locator('input').isChecked()).toBe(
      true,
    );
    await expect
      .poll(async () => (await storedAnswers('mentor.policy@demo.test'))[0]?.choice)
      .toBe(1);
    await expect.poll(() => indicator(page).textContent()).toMatch(/^All answers saved/);
  });
});

/** Runs in the page: chooses B and flags the question on screen, in one task. */
function changeQuestionFive(): void {
  const optionB = Array.from(document.querySelectorAll('label.option'))
    .find((label) => label.querySelector('.option-letter')?.textContent === 'B.')
    ?.querySelector('input');
  const flag = document.querySelector('label.flag input');
  if (!(optionB instanceof HTMLInputElement) || !(flag instanceof HTMLInputElement))
    throw new Error('question 5 is not on screen');
  optionB.click();
  flag.click();
}
