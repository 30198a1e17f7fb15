import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';
import { eq } from 'drizzle-orm';
import { associationMembers, users } from '../../server/src/db/schema/index.js';
import { DEMO_CO_SITTING_NAME } from '../../server/src/seed/demo-sitting.js';
import { DEMO_CO_ASSOCIATION_ID, demoPeople } from '../../server/src/seed/demo-people.js';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** Michigan's people (its members only, not the programme's shared staff) and its sitting. */
const michiganOnly = [
  ...demoPeople
    .filter((p) => p.roles.some((r) => ['candidate', 'proctor', 'coordinator'].includes(r)))
    .filter((p) => (p.associations ?? ['MI']).every((a) => a === 'MI'))
    .flatMap((p) => [p.displayName, p.email]),
  'Demo sitting (practice)',
];

async function expectNothingOfMichigan(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const seen = michiganOnly.filter((needle) => text.includes(needle));
  expect({ where, seen }).toEqual({ where, seen: [] });
}

describe('two associations in one deployment', () => {
  it("shows Colorado's coordinator none of Michigan's people or sittings", async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'coordinator@co.demo.test');
    await page.getByRole('banner').getByText('CO-AIMH').waitFor();

    await page.goto('/coordinator');
    await page.getByRole('heading', { level: 1, name: 'Sittings' }).waitFor();
    await page.getByRole('row').filter({ hasText: DEMO_CO_SITTING_NAME }).waitFor();
    await expectNothingOfMichigan(page, 'sittings');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: DEMO_CO_SITTING_NAME }).click();
    await page.getByRole('heading', { level: 1, name: DEMO_CO_SITTING_NAME }).waitFor();
    await page.getByText('Dana Denver').first().waitFor();
    await expectNothingOfMichigan(page, 'sitting detail');
    await expectNoAxeViolations(page);

    await page.goto('/coordinator/sittings/new');
    await page.getByRole('heading', { level: 1, name: 'New sitting' }).waitFor();
    await page.getByRole('checkbox', { name: /Pablo Proctor/ }).waitFor();
    await page.getByRole('checkbox', { name: /Blair Bridges/ }).waitFor();
    await expectNothingOfMichigan(page, 'new sitting');

    await page.goto('/coordinator/candidates');
    await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor();
    await page.getByText('Emery Evergreen').first().waitFor();
    await expectNothingOfMichigan(page, 'candidates');
    await expectNoAxeViolations(page);

    await page.goto('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Users and roles' }).waitFor();
    await page.getByText('Cora Coordinator').first().waitFor();
    await expectNothingOfMichigan(page, 'users');
    await expectNoAxeViolations(page);

    expect(problems).toEqual([]);
  });

  it('lets the proctor who works for both switch association by keyboard', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'proctor.both@demo.test');
    const switcher = page.getByRole('form', { name: 'Association you act for' });
    const select = switcher.getByLabel('Acting for');
    // Colorado first: memberships are in order of name.
    expect(await select.inputValue()).not.toBe('');
    const before = await select.locator('option:checked').innerText();
    expect(before).toContain('CO-AIMH');
    await expectNoAxeViolations(page);

    await tabTo(page, select);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    const button = switcher.getByRole('button', { name: 'Switch' });
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    await page
      .getByRole('form', { name: 'Association you act for' })
      .getByLabel('Acting for')
      .locator('option:checked', { hasText: 'MI-AIMH' })
      .waitFor({ state: 'attached' });
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    // Focus comes back to the switcher, where the keyboard user left it.
    await page.waitForFunction(() => document.activeElement?.tagName === 'SELECT');
    const session = await page.evaluate(async () => {
      const response = await fetch('/api/auth/session');
      return (await response.json()) as { user: { association: { shortName: string } } };
    });
    expect(session.user.association.shortName).toBe('MI-AIMH');
    await expectNoAxeViolations(page);
  });

  it("lets the admin choose the association a new proctor's role is held in", async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/users');
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Email address').fill('new.proctor@co.demo.test');
    await form.getByLabel('Display name').fill('Noel Newproctor');
    await form.getByLabel('Password').fill('a-long-first-password');
    // The choice appears only once an association role is ticked.
    expect(await form.getByLabel('Association').count()).toBe(0);
    await form.getByRole('checkbox', { name: 'Proctor' }).check();
    await form.getByLabel('Association').selectOption({
      label: 'CO-AIMH (Colorado Association for Infant Mental Health)',
    });
    await expectNoAxeViolations(page);
    await tabTo(page, form.getByRole('button', { name: 'Create user' }));
    await page.keyboard.press('Enter');
    await form.getByRole('status').filter({ hasText: 'Created Noel Newproctor' }).waitFor();

    const db = harness.database.db;
    const [created] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, 'new.proctor@co.demo.test'));
    const memberships = await db
      .select()
      .from(associationMembers)
      .where(eq(associationMembers.userId, created!.id));
    expect(memberships.map((m) => [m.associationId, m.roles])).toEqual([
      [DEMO_CO_ASSOCIATION_ID, ['proctor']],
    ]);
  });
});
