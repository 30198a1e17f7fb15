import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { signIn } from '../support/part-two-pages.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

const CASEY = 'Casey Candidate';
const NOTE = 'Fire alarm; the room was evacuated for ten minutes.';

describe('incidents and the time ledger', () => {
  it('a proctor pauses with an incident, the incident shows its ledger entries, the coordinator prints the report', async () => {
    const { page: candidate } = await harness.newPage();
    const { page: proctor, problems } = await harness.newPage();
    await signIn(candidate, 'candidate@demo.test');
    await candidate.goto('/exam');
    await candidate.getByRole('button', { name: 'Start Part One' }).click();
    await candidate.getByRole('heading', { name: 'Question 1 of 60' }).waitFor();

    await signIn(proctor, 'proctor@demo.test');
    await proctor.goto('/proctor');
    await proctor.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await proctor.getByText('Live: changes appear as they happen.').waitFor();

    // The incident first, then the pause that answers it.
    await proctor.getByRole('button', { name: `Incident: ${CASEY}` }).click();
    const record = proctor.getByRole('dialog', { name: 'Record an incident' });
    await record.getByLabel('Category').selectOption('environment');
    await record.getByLabel('What happened').fill(NOTE);
    await record.getByRole('button', { name: 'Record incident' }).click();
    const incidents = proctor.getByRole('region', { name: 'Incidents' });
    await incidents.getByText(/Fire alarm/).waitFor();

    await proctor.getByRole('button', { name: `Pause: ${CASEY}` }).click();
    const pause = proctor.getByRole('dialog', { name: `Pause ${CASEY}` });
    // Neither an incident nor a reason: refused in the dialog, nothing sent.
    await pause.getByRole('button', { name: 'Pause' }).click();
    await pause.getByRole('alert').filter({ hasText: 'Reason' }).waitFor();
    const causedBy = pause.getByLabel('Caused by');
    const option = causedBy.locator('option', { hasText: `${CASEY}: Fire alarm` });
    await causedBy.selectOption((await option.getAttribute('value')) ?? '');
    await expectNoAxeViolations(proctor);
    await pause.getByRole('button', { name: 'Pause' }).click();
    await pause.waitFor({ state: 'hidden' });

    const effects = incidents.getByRole('list', { name: 'Time effects' });
    await effects.getByText(`${CASEY}: Part One paused (Priya Proctor)`).waitFor();
    await candidate
      .getByText(/paused/i)
      .first()
      .waitFor();
    await expectNoAxeViolations(proctor);

    // The candidate's time ledger shows the pause with its incident.
    await proctor.getByRole('button', { name: `Time ledger: ${CASEY}` }).click();
    const ledger = proctor.getByRole('dialog', { name: `Time ledger for ${CASEY}` });
    const paused = ledger.getByRole('row').filter({ hasText: 'Part One paused' });
    await paused.waitFor();
    expect(await paused.textContent()).toContain(NOTE);
    await expectNoAxeViolations(proctor);
    await ledger.getByRole('button', { name: 'Close' }).click();

    // The coordinator opens the printable report from the sitting's page.
    const { page: coordinator, problems: coordinatorProblems } = await harness.newPage();
    await signIn(coordinator, 'coordinator@demo.test');
    await coordinator.goto('/coordinator');
    await coordinator.getByRole('link', { name: 'Demo sitting (practice)' }).click();
    await coordinator.getByRole('link', { name: 'Incident report' }).click();
    await coordinator
      .getByRole('heading', { level: 1, name: 'Incident report – Demo sitting (practice)' })
      .waitFor();
    const report = coordinator.getByRole('table', { name: /Incidents, oldest first; times in/ });
    const fire = report.getByRole('row').filter({ hasText: NOTE });
    await fire.getByText(/Part One paused \(by Priya Proctor\)/).waitFor();
    expect(await fire.textContent()).toContain(CASEY);
    expect(
      await coordinator.getByRole('link', { name: 'Download as CSV' }).getAttribute('href'),
    ).toMatch(/\/incident-report\.csv$/);
    await expectNoAxeViolations(coordinator);

    // On paper: the report without the site's header and the page's own buttons.
    await coordinator.emulateMedia({ media: 'print' });
    expect(await coordinator.locator('.site-header').isVisible()).toBe(false);
    expect(await coordinator.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await fire.isVisible()).toBe(true);

    expect(problems).toEqual([]);
    expect(coordinatorProblems).toEqual([]);
  });
});
