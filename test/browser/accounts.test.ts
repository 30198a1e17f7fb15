import { generate } from 'otplib';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mailMessages } from '../../server/src/db/schema/mail.js';
import {
  DEMO_PASSWORD,
  expectNoAxeViolations,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';

const NEW_PASSWORD = 'orchard-pewter-skylight-52';
let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness({ env: { TWO_FACTOR_ENFORCED: 'true' } });
});
afterAll(async () => {
  await harness?.close();
});

async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
const heading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name }).waitFor();

async function linkMailed(to: string, kind: string): Promise<string> {
  const rows = await harness.database.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, to))
    .orderBy(desc(mailMessages.createdAt));
  const link = rows.find((r) => r.kind === kind)?.link;
  if (!link) throw new Error(`no ${kind} mail to ${to}`);
  return new URL(link).pathname + new URL(link).search;
}

describe('accounts', () => {
  it('a coordinator is taken to enrolment, turns on two-factor, then signs in with a code and a recovery code', async () => {
    const { page } = await harness.newPage();
    await page.goto('/login');
    await signIn(page, 'coordinator@demo.test');
    await heading(page, 'Your account').catch(async (e: unknown) => {
      throw new Error(`${page.url()} ${await page.locator('body').innerText()} ${String(e)}`);
    });
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    await expectNoAxeViolations(page);
    await page.getByLabel('Code from the app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    // allTextContents does not wait: the codes arrive with the confirmation's answer.
    const recoveryCodes = page.getByRole('list', { name: 'Recovery codes' }).locator('code');
    await recoveryCodes.first().waitFor();
    const codes = await recoveryCodes.allTextContents();
    expect(codes).toHaveLength(10);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sessions' }).waitFor();
    await expectNoAxeViolations(page);

    const second = await harness.newPage();
    await second.page.goto('/login');
    await signIn(second.page, 'coordinator@demo.test');
    await heading(second.page, 'Two-factor sign-in');
    await expectNoAxeViolations(second.page);
    await second.page.getByRole('button', { name: /recovery code/ }).click();
    await second.page.getByLabel('Recovery code').fill(codes[0] as string);
    await second.page.getByRole('button', { name: 'Continue' }).click();
    await heading(second.page, 'Home');

    // And with a code from the app, computed as the app does (otplib, as the server uses): the
    // next step's, since the enrolment used up the current one (a code works once).
    const third = await harness.newPage();
    await third.page.goto('/login');
    await signIn(third.page, 'coordinator@demo.test');
    await heading(third.page, 'Two-factor sign-in');
    const wrong = third.page.getByLabel('Code from your authenticator app');
    await wrong.fill('000000');
    await third.page.getByRole('button', { name: 'Continue' }).click();
    await third.page.getByRole('alert').filter({ hasText: /code/i }).waitFor();
    await third.page
      .getByLabel('Code from your authenticator app')
      .fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await third.page.getByRole('button', { name: 'Continue' }).click();
    await heading(third.page, 'Home');
  });

  it('does not offer a candidate two-factor sign-in, which the server refuses them', async () => {
    const { page, problems } = await harness.newPage();
    await page.goto('/login');
    await signIn(page, 'candidate@demo.test');
    await heading(page, 'Home');
    await page.goto('/account');
    await page.getByText('Two-factor sign-in is for staff accounts').waitFor();
    expect(await page.getByRole('button', { name: 'Set up two-factor sign-in' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('resets a forgotten password through the mailed link, and changes it in the settings', async () => {
    const { page } = await harness.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Forgot your password?');
    await page.getByLabel('Email address').fill('grader1@demo.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(/a link to choose a new password is on its way/).waitFor();
    await expectNoAxeViolations(page);
    await page.goto(await linkMailed('grader1@demo.test', 'password-reset'));
    await heading(page, 'Choose a new password');
    await page.getByLabel('New password').fill('password1234');
    await page.getByText(/first guesses/).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await heading(page, 'Password changed');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, 'grader1@demo.test', NEW_PASSWORD);
    await heading(page, 'Home');

    await page.getByRole('link', { name: 'Your account' }).click();
    await heading(page, 'Your account');
    await page.getByRole('table', { name: 'Where you are signed in' }).waitFor();
    await page.getByLabel('Current password').fill(NEW_PASSWORD);
    await page.getByLabel('New password').fill(`${NEW_PASSWORD}-again`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other sessions have been signed out.').waitFor();
    await expectNoAxeViolations(page);
  });
});
