import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProgrammeFixture } from '../../server/test/helpers/programme-fixture.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  harness = await startBrowserHarness();
  await seedProgrammeFixture(harness.database.db);
});
afterAll(async () => {
  await harness?.close();
});

describe('programme overview page', () => {
  it('shows the figures of both associations, filters by keyboard and passes axe', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'psychometrician@demo.test');
    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Programme overview' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Programme overview' }).waitFor();

    // Upcoming by default: only A's spring sitting; past shows both winters.
    // The heading draws before the figures arrive: wait for the table, not just the page.
    const sittings = page.getByRole('table', { name: /^Sittings/ });
    await sittings.locator('tbody tr').first().waitFor();
    expect(await sittings.locator('tbody tr').count()).toBe(1);
    await tabTo(page, page.getByLabel('When'));
    await page.keyboard.press('ArrowDown'); // Upcoming → Past
    await expect
      .poll(() => sittings.locator('tbody th').allTextContents())
      .toEqual(['A winter', 'B winter']);

    const passRates = await page.getByRole('table', { name: /^Pass rates/ }).textContent();
    expect(passRates).toContain('Colorado Association');
    expect(passRates).toContain('50.0%');
    const grading = await page.getByRole('table', { name: /^Grading progress/ }).textContent();
    expect(grading).toContain('6.5');
    const appeals = await page
      .getByRole('table', { name: 'Appeals per association' })
      .textContent();
    expect(appeals).toContain('Colorado Association');
    const csv = page.getByRole('link', { name: 'Download pass rates (CSV)' });
    expect(await csv.getAttribute('href')).toBe('/api/programme/export.csv?view=pass-rates');

    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('is not offered to a coordinator', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    expect(await page.getByRole('link', { name: 'Programme overview' }).count()).toBe(0);
    const response = await page.request.get('/api/programme/overview');
    expect(response.status()).toBe(403);
  });
});

describe('association settings page and branding', () => {
  it('lets an administrator edit an association and upload its logo, by keyboard, axe clean', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'admin@demo.test');
    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Association settings' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Association settings' }).waitFor();
    await expectNoAxeViolations(page);

    await page
      .getByLabel('Association', { exact: true })
      .selectOption({ label: 'Michigan Association for Infant Mental Health (MI-AIMH)' });
    const edit = page.getByRole('region', {
      name: 'Michigan Association for Infant Mental Health',
    });
    await edit
      .getByLabel('Logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await edit.getByRole('img', { name: 'Current logo' }).waitFor();
    await tabTo(page, edit.getByLabel('Time zone'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Mars/Base');
    await tabTo(page, edit.getByRole('button', { name: 'Save settings' }));
    await page.keyboard.press('Enter');
    await edit
      .getByRole('alert')
      .filter({ hasText: /time zone/i })
      .waitFor();

    await edit.getByLabel('Time zone').fill('America/Detroit');
    await edit.getByLabel('Name', { exact: true }).fill('Michigan Association');
    await tabTo(page, edit.getByRole('button', { name: 'Save settings' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Michigan Association saved.' }).waitFor();
    // Saving keeps focus on the button (it was disabled while saving, dropping focus to the body).
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? null)).toBe(
      'Save settings',
    );
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('shows the candidate their association’s name and logo', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'candidate@demo.test');
    const brand = page.getByRole('banner').locator('.association-brand');
    await brand.getByText('Michigan Association').waitFor();
    expect(await brand.locator('img').count()).toBe(1);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('gives a coordinator only their own association', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    await page.goto('/associations');
    await page.getByRole('region', { name: 'Michigan Association' }).waitFor();
    expect(await page.getByLabel('Association', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Add an association' }).count()).toBe(0);
    expect(await page.getByText('Colorado Association').count()).toBe(0);
  });
});
