import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  expectEmbeddedNoticeAsFitting,
  expectNoAxeViolations,
  startBrowserHarness,
  type BrowserHarness,
  type HarnessPage,
} from '../support/browser-harness.js';

const EMBEDDED_NOTICE =
  'Embedded database: for trying the platform and practice sittings only — not for a live sitting.';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

function expectNoProblems(opened: HarnessPage): void {
  expect(opened.problems, 'console errors or CSP violations').toEqual([]);
}

describe('signing in and out', () => {
  it('a first visit to the sign-in page logs nothing in the console, not even a 4xx', async () => {
    const { page } = await harness.newPage();
    // The harness forgives 4xx answers; a visitor's console should not need forgiving.
    const logged: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
    });
    await page.goto('/');
    await page.waitForURL('**/login');
    await heading(page, 'Sign in');
    await page.waitForLoadState('networkidle');
    expect(logged).toEqual([]);
  });

  it('a demo candidate signs in, sees their name and roles, and signs out', async () => {
    const opened = await harness.newPage();
    const { page } = opened;
    await page.goto('/');
    await page.waitForURL('**/login');
    await heading(page, 'Sign in');
    await expect.poll(() => page.title()).toBe('Sign in – Endorsement Exams');

    await signIn(page, 'candidate@demo.test');
    await heading(page, 'Home');
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.title()).toBe('Home – Endorsement Exams');
    expect(await page.locator('header').textContent()).toContain('Signed in as Casey Candidate');
    expect(await page.getByRole('main').textContent()).toContain('Welcome, Casey Candidate');
    expect(await page.getByRole('main').textContent()).toContain('Candidate');
    // A candidate is not staff: no database notice, no link to user administration.
    expect(await page.getByText(EMBEDDED_NOTICE).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Users and roles' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    expect(new URL(page.url()).pathname).toBe('/login');

    // The session is gone on the server too: a reload stays signed out.
    await page.goto('/');
    await heading(page, 'Sign in');
    expectNoProblems(opened);
  });

  it('a wrong password shows the generic error, announced as an alert', async () => {
    const opened = await harness.newPage();
    const { page } = opened;
    await page.goto('/login');
    await signIn(page, 'grader1@demo.test', 'not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' });
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expectNoProblems(opened);
  });

  it('the harness catches accessibility violations and CSP refusals (the checks are not vacuous)', async () => {
    const opened = await harness.newPage();
    const { page } = opened;
    await page.goto('/login');
    await heading(page, 'Sign in');
    await page.evaluate(() => {
      const input = document.createElement('input');
      document.querySelector('main')?.append(input);
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
    });
    await expect(expectNoAxeViolations(page)).rejects.toThrow(/label/);
    expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
    expect(opened.problems.join('\n')).toMatch(/Content Security Policy/);
  });

  it('a signed-out visit to a staff page returns there after signing in', async () => {
    const { page } = await harness.newPage();
    await page.goto('/admin/users');
    await heading(page, 'Sign in');
    await signIn(page, 'coordinator@demo.test');
    await heading(page, 'Users and roles');
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    await expectEmbeddedNoticeAsFitting(harness, page);
  });
});
