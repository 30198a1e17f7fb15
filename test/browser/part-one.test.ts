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
  it('keeps every answer through a network cut and a reload, and says plainly what is waiting', async () => {
    const { page, context } = await harness.newPage();
    // The exam socket can be cut while the page itself still loads: the way a flaky network fails.
    let socketCut = false;
    await page.routeWebSocket(/\/ws\/exam$/, async (ws) => {
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
    await page.getByLabel('Flag for review').check();
    await expect
      .poll(() => indicator(page).textContent())
      .toMatch(/3 changes waiting to save – you are offline/);

    // The indicator counts a change as soon as it is made; its IndexedDB write lands a moment
    // later. Reload only once all three are on the device (see offlineSavesOnDevice).
    await expect.poll(() => page.evaluate(offlineSavesOnDevice)).toBe(3);
    // Reload while the exam socket is still unreachable: nothing typed on this device is lost.
    await context.setOffline(false);
    await page.reload();
    // Questions come only from the server (no exam content is kept on the device); the changes
    // made offline are, and the indicator says so.
    await expect
      .poll(() => indicator(page).textContent())
      .toMatch(/3 changes waiting to save – reconnecting/);

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
      [5, 0, true],
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

/**
 * Runs in the page: the outbox's saves for questions 4 and 5 (the ones made offline) that
 * IndexedDB holds. A reload within the few milliseconds of a write can still lose the newest
 * change; the test waits for the writes so it checks the replay, not that race.
 */
function offlineSavesOnDevice(): Promise<number> {
  return new Promise((resolve, reject) => {
    const opened = indexedDB.open('exam-outbox');
    opened.onerror = () => reject(opened.error);
    opened.onsuccess = () => {
      const db = opened.result;
      const read = db.transaction('saves', 'readonly').objectStore('saves').getAll();
      read.onerror = () => reject(read.error);
      read.onsuccess = () => {
        const saves = read.result as { save: { position: number } }[];
        db.close();
        resolve(saves.filter((entry) => entry.save.position >= 4).length);
      };
    };
  });
}
