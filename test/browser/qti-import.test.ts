import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFixture } from '../../server/test/helpers/qti-package.js';
import {
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

describe('item bank exchange', () => {
  it('previews a QTI package with a bad item, shows the reason, and imports on confirm', async () => {
    const { page } = await harness.newPage();
    // The bank is the programme's: its administrator imports and reviews (issue 20).
    await signIn(page, 'admin@demo.test');
    await page.goto('/coordinator/bank');
    await page.getByRole('heading', { level: 1, name: 'Item bank' }).waitFor();
    await tabTo(page, page.getByRole('link', { name: 'Import or export the bank (QTI 3.0)' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Item bank exchange (QTI 3.0)' }).waitFor();
    await page.getByRole('link', { name: 'Download the item bank as a QTI 3.0 package' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel('QTI package').setInputFiles({
      name: 'other-tool.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipFixture('one-bad')),
    });
    await page.getByText('2 to create, 0 to update, 0 unchanged, 1 refused.').waitFor();
    const refused = page.getByRole('table', { name: 'Entries the import cannot take' });
    await refused
      .getByRole('row')
      .filter({ hasText: 'items/oat-1004.xml' })
      .filter({ hasText: 'The item has no correct response.' })
      .waitFor();
    await page
      .getByRole('table', { name: 'Items the import will take' })
      .getByRole('row')
      .filter({ hasText: 'oat-1001' })
      .filter({ hasText: 'Communicating, Birth to 3' })
      .waitFor();
    await expectNoAxeViolations(page);

    await tabTo(page, page.getByRole('button', { name: 'Confirm import of 2 items' }));
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Imported: 2 new items, 0 updated.' })
      .waitFor();
    // The Confirm button went with the preview; focus is back on the file, not the page body.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('qti-file');
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('marks a bank item for review and records the outcome, from the item page', async () => {
    const { page } = await harness.newPage();
    // The bank is the programme's: its administrator imports and reviews (issue 20).
    await signIn(page, 'admin@demo.test');
    await page.goto('/coordinator/bank');
    await page.getByRole('heading', { level: 1, name: 'Item bank' }).waitFor();
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Review' }).waitFor();
    const review = page.getByRole('form', { name: 'Review' });
    await review
      .getByLabel('Why this item needs review')
      .fill('Flagged by item analysis: low discrimination.');
    await review.getByRole('button', { name: 'Mark for review' }).click();
    await review.getByRole('status').filter({ hasText: 'Item marked for review.' }).waitFor();
    await page.getByText('Flagged by item analysis: low discrimination.').waitFor();
    await expectNoAxeViolations(page);
    await review.getByLabel('What the review found').fill('Key confirmed; kept as is.');
    await review.getByRole('button', { name: 'Record review and clear the mark' }).click();
    await review.getByRole('status').filter({ hasText: 'Review recorded' }).waitFor();
    await page.getByText('Not marked for review.').waitFor();
    await page.close();
  });
});
