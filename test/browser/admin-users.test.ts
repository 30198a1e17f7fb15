import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  expectEmbeddedNoticeAsFitting,
  expectNoAxeViolations,
  startBrowserHarness,
  tabTo,
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

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
}

describe('user administration', () => {
  it('an admin signs in, creates a user and changes their roles by keyboard alone', async () => {
    const { page } = await harness.newPage();
    const { keyboard } = page;
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    // The skip link is the first stop and lands on the main content.
    await keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Skip to main content');
    await keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    await tabTo(page, page.getByLabel('Email address'));
    await keyboard.type('admin@demo.test');
    await keyboard.press('Tab');
    await keyboard.type(DEMO_PASSWORD);
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await expectEmbeddedNoticeAsFitting(harness, page);

    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Users and roles' }));
    await keyboard.press('Enter');
    const pageHeading = page.getByRole('heading', { level: 1, name: 'Users and roles' });
    await pageHeading.waitFor();
    await expect.poll(() => page.title()).toBe('Users and roles – Endorsement Exams');

    const form = page.getByRole('form', { name: 'Create a user' });
    await tabTo(page, form.getByLabel('Email address'));
    await keyboard.type('new.grader@demo.test');
    await keyboard.press('Tab');
    await keyboard.type('Noor Newgrader');
    await keyboard.press('Tab');
    await keyboard.type('a-long-first-password');
    await tabTo(page, form.getByRole('checkbox', { name: 'Grader', exact: true }));
    await keyboard.press('Space');
    await tabTo(page, form.getByRole('button', { name: 'Create user' }));
    await keyboard.press('Enter');
    await form.getByRole('status').filter({ hasText: 'Created Noor Newgrader' }).waitFor();

    const row = page.getByRole('row').filter({ hasText: 'new.grader@demo.test' });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Grader');

    await tabTo(page, row.getByRole('button', { name: 'Change roles for Noor Newgrader' }));
    await keyboard.press('Enter');
    // Focus moves into the editor, on the first role.
    const candidate = row.getByRole('checkbox', { name: 'Candidate' });
    await candidate.waitFor();
    expect(await candidate.evaluate((el) => el === document.activeElement)).toBe(true);
    await keyboard.press('Space');
    await tabTo(page, row.getByRole('button', { name: 'Save roles' }));
    await keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Saved the roles of Noor Newgrader.' })
      .waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Candidate, Grader');
    // Focus is back on the button that opened the editor.
    await page.waitForFunction(() =>
      document.activeElement?.textContent?.startsWith('Change roles'),
    );

    // Stored on the server: a fresh load shows the same, and the new user can sign in.
    await page.reload();
    await pageHeading.waitFor();
    const reloaded = page.getByRole('row').filter({ hasText: 'new.grader@demo.test' });
    expect(await reloaded.getByRole('cell').nth(1).textContent()).toBe('Candidate, Grader');

    const other = await harness.newPage();
    await other.page.goto('/login');
    await other.page.getByLabel('Email address').fill('new.grader@demo.test');
    await other.page.getByLabel('Password').fill('a-long-first-password');
    await other.page.getByRole('button', { name: 'Sign in' }).click();
    await other.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const roles = await other.page.getByRole('region', { name: 'Your roles' }).textContent();
    expect(roles).toContain('Candidate');
    expect(roles).toContain('Grader');
  });

  it('shows a server refusal, such as a duplicate email, as an alert', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/users');
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Email address').fill('proctor@demo.test');
    await form.getByLabel('Display name').fill('Second Proctor');
    await form.getByLabel('Password').fill('another-long-password');
    await form.getByRole('checkbox', { name: 'Proctor' }).check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: 'A user with that email already exists.' })
      .waitFor();
  });

  it('a coordinator can only tick candidate, proctor and grader', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    await page.getByRole('link', { name: 'Users and roles' }).first().click();
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.waitFor();
    const enabled: Record<string, boolean> = {};
    for (const name of ['Candidate', 'Proctor', 'Grader', 'Coordinator', 'Administrator']) {
      enabled[name] = await form.getByRole('checkbox', { name, exact: true }).isEnabled();
    }
    expect(enabled).toEqual({
      Candidate: true,
      Proctor: true,
      Grader: true,
      Coordinator: false,
      Administrator: false,
    });
    await expectEmbeddedNoticeAsFitting(harness, page);
  });

  it('a candidate is refused the admin page', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'candidate@demo.test');
    await page.goto('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
  });
});

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('passes on the login page, with and without an error showing', async () => {
    const { page } = await harness.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel('Email address').fill('nobody@demo.test');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'incorrect' }).waitFor();
    await expectNoAxeViolations(page);
  });

  it('passes on home and on the admin page, with the role editor open', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'admin@demo.test');
    await expectEmbeddedNoticeAsFitting(harness, page);
    await expectNoAxeViolations(page);

    await page.getByRole('main').getByRole('link', { name: 'Users and roles' }).click();
    await page.getByRole('table', { name: 'All users' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Change roles for Priya Proctor' }).click();
    await page.getByRole('group', { name: 'Roles for Priya Proctor' }).waitFor();
    await expectNoAxeViolations(page);
  });
});
