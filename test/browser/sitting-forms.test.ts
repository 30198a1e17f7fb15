import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** The text a control is described by (aria-describedby), as a screen reader reads it. */
async function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** Issue 15, item 8: the form says what scheduling needs; an action is off, with its reason. */
describe('sitting form and status actions', () => {
  it('says beside each field what scheduling needs and holds Schedule and Open until met', async () => {
    const { page, problems } = await harness.newPage();
    const { keyboard } = page;
    await signIn(page, 'coordinator@demo.test');
    await page.goto('/coordinator/sittings/new');
    const form = page.getByRole('form', { name: 'Sitting' });
    const location = form.getByLabel('Location');
    await location.waitFor();

    // A draft may be saved without them, but each field says it is needed for scheduling.
    expect(await descriptionOf(location)).toContain('Needed before the sitting can be scheduled.');
    expect(await descriptionOf(form.getByLabel('Application cycle'))).toContain(
      'Needed before the sitting can be scheduled.',
    );
    expect(await location.getAttribute('aria-invalid')).toBeNull();
    await expectNoAxeViolations(page);

    // A refused value is said beside its field, marked invalid, as well as in the alert.
    await form.getByRole('button', { name: 'Save sitting' }).click();
    const name = form.getByLabel('Name', { exact: true });
    await form.getByRole('alert').filter({ hasText: 'Name: Give the sitting a name' }).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(name)).toContain('Give the sitting a name');
    await expectNoAxeViolations(page);

    await name.fill('Winter 2028 sitting');
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    await form.getByLabel('Application cycle').selectOption('2027-Q4');
    expect(await descriptionOf(form.getByLabel('Application cycle'))).not.toContain('Needed');
    await form.getByRole('button', { name: 'Save sitting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Winter 2028 sitting' }).waitFor();

    // Schedule is off, with the missing facts beside it; pressing it sends nothing.
    const schedule = page.getByRole('button', { name: 'Schedule' });
    expect(await schedule.getAttribute('aria-disabled')).toBe('true');
    expect(await descriptionOf(schedule)).toContain(
      'Before scheduling, give the date and start time, a location (or mark it remote).',
    );
    await tabTo(page, schedule);
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Status: Draft' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: /./ }).count()).toBe(0);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Edit the sitting' }).first().click();
    await form.getByLabel('Date', { exact: true }).fill('2027-11-16');
    await form.getByLabel('Start time').fill('10:00');
    await location.fill('Hall B, 12 River Rd');
    expect(await descriptionOf(location)).toBe('Building, room and address.');
    await form.getByRole('button', { name: 'Save sitting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Winter 2028 sitting' }).waitFor();

    expect(await schedule.getAttribute('aria-disabled')).toBe('false');
    await tabTo(page, schedule);
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Status: Scheduled' }).waitFor();

    // Open the sitting is off while the readiness check lists a blocking problem.
    const open = page.getByRole('button', { name: 'Open the sitting' });
    await page.getByText('No candidate is enrolled yet.').first().waitFor();
    expect(await open.getAttribute('aria-disabled')).toBe('true');
    expect(await descriptionOf(open)).toContain('No candidate is enrolled yet.');
    await open.focus();
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Status: Scheduled' }).waitFor();
    await expectNoAxeViolations(page);

    // A scheduled sitting cannot lose its location: the field and Save say why, beside them.
    await page.getByRole('link', { name: 'Edit the sitting' }).first().click();
    await location.fill('');
    expect(await location.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(location)).toContain('A scheduled sitting needs this.');
    const save = form.getByRole('button', { name: 'Save sitting' });
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    expect(await descriptionOf(save)).toContain(
      'The sitting is scheduled, so it needs a location (or mark it remote) before it can be saved.',
    );
    await expectNoAxeViolations(page);
    await form.getByLabel('Remote sitting (candidates sit from home)').check();
    expect(await save.getAttribute('aria-disabled')).toBe('false');
    await save.click();
    await page.getByRole('heading', { level: 1, name: 'Winter 2028 sitting' }).waitFor();

    expect(problems).toEqual([]);
  });
});
