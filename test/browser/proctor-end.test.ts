import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { focused } from '../support/part-two-pages.js';

/**
 * A proctor ends an attempt during Part One, by keyboard. The candidate was told "Part Two is
 * closed ... Your last saved text is kept" (Part Two's closing words, about a part never begun),
 * and the proctor's row read "0 responses written" for a candidate who had answered in Part One.
 */
let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const RILEY = 'Riley Researcher';

describe('ending an attempt in Part One', () => {
  it('tells the candidate plainly that the exam ended and the proctor sees the answers kept', async () => {
    const { page: candidate, problems: candidateProblems } = await harness.newPage();
    const { page: proctor, problems } = await harness.newPage();
    await signIn(candidate, 'mentor.research@demo.test');
    await candidate.goto('/exam');
    await candidate.getByRole('button', { name: 'Start Part One' }).click();
    await candidate.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await candidate.locator('label.option', { hasText: 'B.' }).locator('input').check();
    await expect
      .poll(() => candidate.getByTestId('save-indicator').textContent())
      .toMatch(/^All answers saved/);

    await signIn(proctor, 'proctor@demo.test');
    await proctor.goto('/proctor');
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await proctor.getByText('Live: changes appear as they happen.').waitFor();
    const row = proctor.getByRole('row', { name: new RegExp(RILEY) });
    await row.getByText('1 of 60 answered').waitFor();

    // Keyboard alone: open, Escape gives focus back, open again and confirm.
    const endButton = proctor.getByRole('button', { name: `End attempt: ${RILEY}` });
    await tabTo(proctor, endButton, 80);
    await proctor.keyboard.press('Enter');
    const dialog = proctor.getByRole('dialog', { name: `End ${RILEY}'s attempt` });
    await dialog.waitFor();
    await proctor.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await endButton.evaluate((button) => button === document.activeElement)).toBe(true);
    await proctor.keyboard.press('Enter');
    await dialog.getByLabel('Reason').fill('Notes found under the keyboard');
    await expectNoAxeViolations(proctor);
    await tabTo(proctor, dialog.getByRole('button', { name: 'End the attempt' }));
    await proctor.keyboard.press('Enter');
    await proctor.getByText(`Ended ${RILEY}'s attempt.`).waitFor();

    await row.getByText('Ended by proctor').waitFor();
    expect(await row.textContent()).toContain('1 of 60 answered');

    // The candidate reads an end, about the exam they were sitting, with focus on it.
    const ended = candidate.getByRole('heading', { name: 'The proctor ended your exam' });
    await ended.waitFor();
    await expect.poll(() => focused(candidate)).toBe('H2 The proctor ended your exam');
    expect(await candidate.getByText('Part Two is closed').count()).toBe(0);
    expect(await candidate.getByRole('radio').count()).toBe(0);
    await expectNoAxeViolations(candidate);

    expect(problems).toEqual([]);
    expect(candidateProblems).toEqual([]);
  });
});
