import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { editor, focused, signIn } from '../support/part-two-pages.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** The demo candidate who starts in the lobby, not admitted. */
const LOBBY_CANDIDATE = 'mentor.clinical@demo.test';
const NAME = 'Jordan Clinician';

const clockText = (page: Page) =>
  page.getByRole('region', { name: 'Exam status' }).locator('.exam-clock-time').textContent();

const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

const row = (page: Page) => page.getByRole('row', { name: new RegExp(NAME) });

async function practise(candidate: Page): Promise<void> {
  await candidate.getByRole('button', { name: 'Start the practice run' }).click();
  const practice = candidate.getByRole('region', { name: 'Practice run' });
  await practice.getByRole('button', { name: 'Start practice questions' }).click();
  await practice.getByRole('heading', { name: 'Question 1 of 3' }).waitFor();
  await practice.locator('label.option', { hasText: 'Flag for review' }).locator('input').check();
  await expectNoAxeViolations(candidate);
  await practice.getByRole('button', { name: 'Review and submit' }).click();
  await practice.getByRole('button', { name: 'Submit Part One…' }).click();
  await practice.getByRole('button', { name: 'Yes, submit Part One' }).click();
  await practice.getByRole('button', { name: 'Start Part Two' }).click();
  await editor(candidate, 1).click();
  await candidate.keyboard.type('I will read all three vignettes before choosing two.');
  await practice.getByLabel('Answer this vignette').check();
  await practice.getByRole('button', { name: 'Review and submit' }).click();
  await practice.getByRole('button', { name: 'Submit Part Two…' }).click();
  await practice.getByRole('button', { name: 'Yes, submit Part Two' }).click();
  await practice.getByText('Practice finished. Nothing you did here was kept or scored.').waitFor();
  await practice.getByRole('button', { name: 'Close the practice run' }).click();
}

describe('proctor and candidate together', () => {
  it('a proctor admits a waiting candidate and pauses them: the candidate clock stops', async () => {
    const { page: candidate, problems: candidateProblems } = await harness.newPage();
    const { page: proctor, problems: proctorProblems } = await harness.newPage();

    // The candidate waits in the lobby: details, system check, practice, no Start button yet.
    await signIn(candidate, LOBBY_CANDIDATE);
    await candidate.goto('/exam');
    await candidate.getByText('Waiting for the proctor to admit you').waitFor();
    await candidate.getByRole('heading', { name: 'Your sitting' }).waitFor();
    await candidate.getByText('All checks passed.').waitFor();
    expect(await candidate.getByRole('button', { name: 'Start Part One' }).count()).toBe(0);
    await expectNoAxeViolations(candidate);
    await practise(candidate);

    // The proctor finds the sitting from Home and sees the candidate waiting, live.
    await signIn(proctor, 'proctor@demo.test');
    await proctor.getByRole('main').getByRole('link', { name: 'Proctoring' }).click();
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await proctor.getByText('Live: changes appear as they happen.').waitFor();
    await row(proctor).getByText('Waiting for admission').waitFor();
    await expectNoAxeViolations(proctor);

    // Admit by keyboard alone, through the identity confirmation.
    await tabTo(proctor, proctor.getByRole('button', { name: `Admit: ${NAME}` }), 80);
    await proctor.keyboard.press('Enter');
    const dialog = proctor.getByRole('dialog', { name: `Admit ${NAME}` });
    await dialog.waitFor();
    await expectNoAxeViolations(proctor);
    await proctor.keyboard.press('Space');
    await tabTo(proctor, dialog.getByRole('button', { name: 'Admit' }));
    await proctor.keyboard.press('Enter');
    await proctor.getByText(`Admitted ${NAME}.`).waitFor();
    // The Admit button is gone with the admission; the keyboard user stays on the candidate's
    // row (it fell to the page body before, and the proctor had to tab from the top again).
    await expect.poll(() => focusedLabel(proctor)).toMatch(new RegExp(`: ${NAME}$`));

    // The candidate's lobby says so by itself, and the exam can start.
    await candidate.getByText('The proctor has admitted you.').waitFor({ timeout: 2000 });
    await candidate.getByRole('button', { name: 'Start Part One' }).click();
    await candidate.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    await row(proctor).getByText('In Part One').waitFor();

    // Pause: the candidate's clock stops and says so.
    await row(proctor)
      .getByRole('button', { name: `Pause: ${NAME}` })
      .click();
    const pause = proctor.getByRole('dialog', { name: `Pause ${NAME}` });
    await pause.getByLabel('Reason').fill('Fire alarm in the building');
    await pause.getByRole('button', { name: 'Pause' }).click();
    await candidate.getByText('The exam is paused by the proctor. The clock is stopped.').waitFor({
      timeout: 2000,
    });
    await candidate.getByText('(paused)').waitFor();
    // The question went with the pause: focus is on the notice, not lost to the page body.
    await expect
      .poll(() => focused(candidate))
      .toBe('P The exam is paused by the proctor. The clock is stopped.');
    const stopped = await clockText(candidate);
    await candidate.waitForTimeout(2500);
    expect(await clockText(candidate)).toBe(stopped);
    await row(proctor).getByText('Paused', { exact: true }).waitFor();
    // Pause became Resume: focus is on it, not lost with the button that opened the dialog.
    await expect.poll(() => focusedLabel(proctor)).toBe(`Resume: ${NAME}`);
    await expectNoAxeViolations(candidate);

    // Resume: the clock runs again.
    await row(proctor)
      .getByRole('button', { name: `Resume: ${NAME}` })
      .click();
    const resume = proctor.getByRole('dialog', { name: `Resume ${NAME}` });
    await resume.getByLabel('Reason').fill('All clear');
    await resume.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => clockText(candidate), { timeout: 5000 }).not.toBe(stopped);
    await expectNoAxeViolations(proctor);

    expect(candidateProblems).toEqual([]);
    expect(proctorProblems).toEqual([]);
  });

  it('a candidate continues on another device with a one-time code from the proctor', async () => {
    const casey = 'Casey Candidate';
    const { page: laptop } = await harness.newPage();
    const { page: tablet, problems } = await harness.newPage();
    const { page: proctor } = await harness.newPage();

    await signIn(laptop, 'candidate@demo.test');
    await laptop.goto('/exam');
    await laptop.getByRole('button', { name: 'Start Part One' }).click();
    await laptop.locator('label.option', { hasText: 'B.' }).locator('input').check();
    await expect
      .poll(() => laptop.getByTestId('save-indicator').textContent())
      .toMatch(/^All answers saved/);

    // A second sign-in on another device is asked for a code instead of taking over.
    await signIn(tablet, 'candidate@demo.test');
    await tablet.goto('/exam');
    await tablet.getByRole('heading', { name: 'Continue on this device' }).waitFor();
    await tablet
      .getByRole('alert')
      .getByText(/open on another device/)
      .waitFor();
    await expectNoAxeViolations(tablet);

    await signIn(proctor, 'proctor@demo.test');
    await proctor.goto('/proctor');
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await proctor.getByRole('button', { name: `Resume code: ${casey}` }).click();
    const dialog = proctor.getByRole('dialog', { name: `Resume code for ${casey}` });
    await dialog.getByRole('button', { name: 'Issue a code' }).click();
    const code = (await dialog.locator('.resume-code-value').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expectNoAxeViolations(proctor);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await tablet.getByLabel('Resume code').fill(code);
    await tablet.getByRole('button', { name: 'Continue here' }).click();
    await tablet.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();
    expect(
      await tablet.locator('label.option', { hasText: 'B.' }).locator('input').isChecked(),
    ).toBe(true);
    await laptop.getByText(/opened in another tab or on another device/).waitFor();
    await proctor
      .getByText(/taken over from a different sign-in/)
      .first()
      .waitFor();
    expect(problems).toEqual([]);
  });

  it('offers every other action behind an accessible dialog, and records incidents', async () => {
    const { page: proctor, problems } = await harness.newPage();
    await signIn(proctor, 'proctor@demo.test');
    await proctor.goto('/proctor');
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await proctor.getByText('Live: changes appear as they happen.').waitFor();
    const riley = 'Riley Researcher';
    for (const [button, title] of [
      ['Pause the whole room', 'Pause the whole room'],
      [`Add time: Casey Candidate`, 'Add time for Casey Candidate'],
      [`Credit disconnect: Casey Candidate`, 'Credit a disconnect for Casey Candidate'],
      [`End attempt: Casey Candidate`, "End Casey Candidate's attempt"],
      [`Incident: ${riley}`, 'Record an incident'],
    ] as const) {
      await proctor.getByRole('button', { name: button }).click();
      const dialog = proctor.getByRole('dialog', { name: title });
      await dialog.waitFor();
      await expectNoAxeViolations(proctor);
      await proctor.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    }

    await proctor.getByRole('button', { name: 'Record an incident' }).click();
    const incident = proctor.getByRole('dialog', { name: 'Record an incident' });
    await incident.getByLabel('Concerns').selectOption({ label: riley });
    await incident.getByLabel('Category').selectOption('technical');
    await incident.getByLabel('What happened').fill('Laptop battery died; candidate moved seats.');
    await incident.getByRole('button', { name: 'Record incident' }).click();
    await proctor
      .getByRole('region', { name: 'Incidents' })
      .getByText(/Laptop battery died/)
      .waitFor();
    await proctor.getByText('Incident recorded.').waitFor();
    expect(problems).toEqual([]);
  });

  it('shows every proctor that the whole room is paused, after a reload too, and offers only the action that fits', async () => {
    const { page: proctor, problems } = await harness.newPage();
    const { page: colleague, problems: colleagueProblems } = await harness.newPage();
    const open = async (page: Page, email: string) => {
      await signIn(page, email);
      await page.goto('/proctor');
      await page.getByRole('link', { name: 'Demo sitting (practice)' }).click();
      await page.getByText('Live: changes appear as they happen.').waitFor();
    };
    await open(proctor, 'proctor@demo.test');
    await open(colleague, 'coordinator@demo.test');
    const status = (page: Page) => page.getByTestId('room-status');
    const button = (page: Page, name: string) => page.getByRole('button', { name });
    expect(await status(proctor).textContent()).toBe('The whole room is not paused.');
    expect(await button(proctor, 'Resume the whole room').count()).toBe(0);

    // Pause by keyboard alone.
    await tabTo(proctor, button(proctor, 'Pause the whole room'));
    await proctor.keyboard.press('Enter');
    const pause = proctor.getByRole('dialog', { name: 'Pause the whole room' });
    await pause.getByLabel('Incident category').selectOption('environment');
    await pause.getByLabel('Reason').fill('Fire alarm');
    await tabTo(proctor, pause.getByRole('button', { name: 'Pause everyone' }));
    await proctor.keyboard.press('Enter');
    await pause.waitFor({ state: 'hidden' });

    // Both screens say so, with the time in the room and the incident; the one button resumes.
    const paused =
      /^The whole room is paused since \d\d:\d\d .+ — incident: Fire alarm \(Environment\)\.$/;
    for (const page of [proctor, colleague]) {
      await expect.poll(() => status(page).textContent()).toMatch(paused);
      await button(page, 'Resume the whole room').waitFor();
      expect(await button(page, 'Pause the whole room').count()).toBe(0);
    }
    // The keyboard user is still on the room's button, now Resume.
    await expect.poll(() => focused(proctor)).toBe('BUTTON Resume the whole room');
    const shown = await status(proctor).textContent();
    await expectNoAxeViolations(proctor);

    // After a reload the page still knows.
    await proctor.reload();
    await proctor.getByText('Live: changes appear as they happen.').waitFor();
    expect(await status(proctor).textContent()).toBe(shown);
    expect(await button(proctor, 'Pause the whole room').count()).toBe(0);
    await expectNoAxeViolations(proctor);

    // The resume answers the pause's incident, and every screen is back to Pause.
    await button(proctor, 'Resume the whole room').click();
    const resume = proctor.getByRole('dialog', { name: 'Resume the whole room' });
    expect(await resume.getByLabel('Caused by').locator('option:checked').textContent()).toMatch(
      /Whole room: Fire alarm/,
    );
    await resume.getByRole('button', { name: 'Resume everyone' }).click();
    for (const page of [proctor, colleague]) {
      await expect.poll(() => status(page).textContent()).toBe('The whole room is not paused.');
      await button(page, 'Pause the whole room').waitFor();
    }
    expect(problems).toEqual([]);
    expect(colleagueProblems).toEqual([]);
  });
});
