import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bankForms, sittings } from '../../server/src/db/schema/index.js';
import { sitExam } from '../../server/test/helpers/grading-fixture.js';
import {
  DEMO_PASSWORD,
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
  // Two IMH-E candidates close Part One (50 and 40 of 60): round 2's impact data.
  for (const [email, correct] of [
    ['candidate@demo.test', 50],
    ['mentor.research@demo.test', 40],
  ] as const)
    await sitExam(harness.app, harness.database.db, email, {
      responses: { 1: 'A considered response.', 2: 'Another considered response.' },
      chosen: [1, 2],
      partOneCorrect: correct,
    });
});
afterAll(async () => {
  await harness?.close();
});

async function signIn(email: string): Promise<Page> {
  const { page, problems } = await harness.newPage();
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  expect(problems).toEqual([]);
  return page;
}

/**
 * A panelist rates every item of the open round at one percentage: each is saved as the next
 * field takes focus, and Save ratings sends the last.
 */
async function rateAll(page: Page, percent: string): Promise<void> {
  for (let position = 1; position <= 60; position += 1)
    await page
      .getByLabel(`Item ${position}: percentage of minimally competent candidates correct`)
      .fill(percent);
  await page.getByRole('button', { name: 'Save ratings' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Every rating on the page is saved.' })
    .waitFor();
  await page.getByText('60 of 60 items rated').waitFor();
}

/** The demo sitting closes through its API (the console's own route), as a coordinator would. */
async function closeDemoSitting(): Promise<void> {
  const origin = harness.baseUrl;
  const login = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin },
    payload: { email: 'coordinator@demo.test', password: DEMO_PASSWORD },
  });
  const sid = login.cookies.find((c) => c.name === 'sid')!.value;
  const [open] = await harness.database.db
    .select({ id: sittings.id })
    .from(sittings)
    .where(eq(sittings.status, 'open'));
  const closed = await harness.app.inject({
    method: 'POST',
    url: `/api/sittings/${open!.id}/transition`,
    headers: { origin, cookie: `sid=${sid}` },
    payload: { to: 'closed' },
  });
  expect(closed.statusCode, closed.body).toBe(200);
}

describe('standard setting in the browser', () => {
  it(
    'two panelists rate both rounds and the administrator adopts a cut',
    { timeout: 240_000 },
    async () => {
      // A form's cut is the programme's: its administrator runs the study (issue 20).
      const ada = await signIn('admin@demo.test');
      await ada.getByRole('link', { name: 'Standard setting' }).first().click();
      await ada.getByRole('heading', { level: 1, name: 'Standard setting' }).waitFor();
      await ada.getByText('There are no studies yet.').waitFor();
      await expectNoAxeViolations(ada);

      const form = ada.getByLabel('Form');
      const imh = await form.locator('option', { hasText: 'IMH-E' }).first().getAttribute('value');
      await form.selectOption(imh!);
      await ada.getByLabel('Study name').fill('IMH-E cut 2027');
      await ada.getByRole('button', { name: 'Open study' }).click();
      await ada.getByRole('heading', { level: 1, name: 'IMH-E cut 2027' }).waitFor();
      await expectNoAxeViolations(ada);

      for (const name of ['Pat Panelist', 'Quinn Panelist']) {
        await ada.getByLabel('Invite a panelist').selectOption({ label: name });
        await ada.getByRole('button', { name: 'Add to panel' }).click();
        await ada
          .getByRole('status')
          .filter({ hasText: `${name} joined the panel.` })
          .waitFor();
      }
      await expectNoAxeViolations(ada);

      const pat = await signIn('panelist1@demo.test');
      await pat.getByRole('link', { name: 'Rate items' }).first().click();
      await pat.getByRole('heading', { level: 1, name: 'Your standard-setting studies' }).waitFor();
      await expectNoAxeViolations(pat);
      await pat.getByRole('link', { name: 'IMH-E cut 2027' }).click();
      await pat.getByRole('heading', { level: 1, name: 'IMH-E cut 2027' }).waitFor();
      await pat.getByText('Round 1 is open: 0 of 60 items rated.').waitFor();
      await expectNoAxeViolations(pat);
      await rateAll(pat, '80'); // implied cut 48

      const quinn = await signIn('panelist2@demo.test');
      await quinn.goto('/panel');
      await quinn.getByRole('link', { name: 'IMH-E cut 2027' }).click();
      await rateAll(quinn, '75'); // 45
      await expectNoAxeViolations(quinn);

      await ada.reload();
      const round1 = ada.getByRole('region', { name: 'Round 1' });
      await round1.getByText('46.50').waitFor(); // the mean
      await expect(
        round1.getByRole('row', { name: /Pat Panelist/ }).textContent(),
      ).resolves.toContain('48.00');
      // Two panelists: the leave-one-out outlier rule needs a third, and the page says so.
      await round1.getByText(/Outliers need at least three panelists/).waitFor();
      await expect(round1.getByRole('row', { name: /Quinn/ }).textContent()).resolves.toContain(
        'Not judged',
      );
      await expectNoAxeViolations(ada);
      await ada.getByRole('button', { name: 'Open round 2' }).click();
      await ada.getByRole('status').filter({ hasText: 'Round 2 is open.' }).waitFor();
      await ada.getByRole('heading', { name: 'Impact data' }).waitFor();
      await expectNoAxeViolations(ada);

      await pat.reload();
      await pat.getByText('Round 2 is open: 0 of 60 items rated.').waitFor();
      await pat.getByText(/would pass 50\.0% of them/).waitFor();
      await pat.getByText('Answered correctly by 100% of candidates.').first().waitFor();
      await expectNoAxeViolations(pat);
      await rateAll(pat, '70'); // 42
      await quinn.reload();
      await rateAll(quinn, '70'); // 42

      await closeDemoSitting();
      await ada.reload();
      const round2 = ada.getByRole('region', { name: 'Round 2' });
      await round2.getByText('42.00').first().waitFor();
      const cut = ada.getByLabel('Cut score');
      await expect(cut.inputValue()).resolves.toBe('42');
      // A different cut needs a reason: the form says so and nothing is adopted.
      await cut.fill('44');
      await ada.getByRole('button', { name: 'Adopt cut' }).click();
      await ada.getByText('Say why the cut differs from the recommended 42.').waitFor();
      await expectNoAxeViolations(ada);
      await cut.fill('42');
      // By keyboard: Tab to the button and press Enter.
      await tabTo(ada, ada.getByRole('button', { name: 'Adopt cut' }));
      await ada.keyboard.press('Enter');
      await ada.getByRole('heading', { name: 'Adopted cut' }).waitFor();
      await ada.getByText(/^42 of 60, adopted by Ada Admin/).waitFor();
      await expectNoAxeViolations(ada);

      const [formRow] = await harness.database.db
        .select({ cut: bankForms.cutScore })
        .from(bankForms)
        .where(eq(bankForms.id, imh!));
      expect(formRow!.cut).toBe(42);

      await pat.reload();
      await pat.getByText('The cut is adopted; ratings are closed.').waitFor();
      await expectNoAxeViolations(pat);
    },
  );

  it('the coordinator voids an item of the closed sitting', { timeout: 120_000 }, async () => {
    const [closed] = await harness.database.db
      .select({ id: sittings.id })
      .from(sittings)
      .where(eq(sittings.status, 'closed'));
    const corin = await signIn('coordinator@demo.test');
    await corin.goto(`/results/${closed!.id}`);
    await corin.getByRole('link', { name: 'Re-key or void an item' }).click();
    await corin.getByRole('heading', { level: 1, name: /^Key corrections/ }).waitFor();
    await corin.getByText('No item of this sitting has been corrected.').waitFor();
    await expectNoAxeViolations(corin);
    await corin.getByLabel('Form').selectOption({ label: 'IMH-E Part One, demo form A' });
    await corin.getByLabel('Item number').fill('1');
    await corin.getByRole('radio', { name: 'Void: the item leaves scoring' }).check();
    await corin
      .getByLabel('Reason (candidates whose released result changes read it)')
      .fill('Two options are defensible.');
    await corin.getByRole('button', { name: 'Apply correction' }).click();
    // Both IMH-E candidates had item 1 right: both scores drop to 49 and 39 of 59.
    await corin
      .getByRole('status')
      .filter({
        hasText: 'Rescored 2 Part One(s): 2 score(s) changed, 0 released result(s) revised.',
      })
      .waitFor();
    await corin.getByRole('table', { name: 'Corrections in force' }).getByText('Voided').waitFor();
    await expectNoAxeViolations(corin);
  });
});
