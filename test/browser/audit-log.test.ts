import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicKey } from '../../server/src/lib/ed25519.js';
import { verifyExport } from '../../server/src/modules/audit/index.js';
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

describe('audit log page', () => {
  it('an admin filters, verifies and exports by keyboard; a cut tail shows as a break', async () => {
    const { page, problems } = await harness.newPage();
    const { keyboard } = page;
    // A second sign-in elsewhere, so the actor filter has two of the admin's entries to find.
    await signIn((await harness.newPage()).page, 'admin@demo.test');
    await signIn(page, 'admin@demo.test');

    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Audit log' }));
    await keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const table = page.getByRole('table', { name: 'Audit entries, newest first' });
    await table.waitFor();
    await expectNoAxeViolations(page);

    // Filter by actor and action, from the keyboard.
    const form = page.getByRole('form', { name: 'Filter the audit log' });
    await tabTo(page, form.getByLabel('Actor'));
    await keyboard.type('admin@demo.test');
    await keyboard.press('Tab');
    await keyboard.type('auth.');
    await keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Showing 2 entries.' }).waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const text of await rows.allTextContents()) {
      expect(text).toContain('auth.login');
      expect(text).toContain('admin@demo.test');
    }
    // The filters are in the address: a reload (or a link sent on) shows the same view.
    expect(new URL(page.url()).searchParams.get('action')).toBe('auth.');
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Showing 2 entries.' }).waitFor();
    expect(await form.getByLabel('Action').inputValue()).toBe('auth.');
    expect(await form.getByLabel('Actor').inputValue()).toBe('admin@demo.test');
    // Back returns to the log unfiltered: fetched so, and the form says so.
    const unfiltered = page.waitForRequest((r) => r.url().endsWith('/api/audit/entries?'));
    await page.goBack();
    await unfiltered;
    expect(new URL(page.url()).search).toBe('');
    await expect.poll(() => form.getByLabel('Action').inputValue()).toBe('');
    expect(await form.getByLabel('Actor').inputValue()).toBe('');

    // An unknown actor is a clear error, not an empty page.
    await form.getByLabel('Actor').fill('nobody@demo.test');
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('alert').filter({ hasText: 'No account has the email' }).waitFor();
    await expectNoAxeViolations(page);
    await form.getByRole('button', { name: 'Clear filters' }).click();
    await table.waitFor();

    // Verify: intact, with count, head and the public key to verify exports with.
    await tabTo(page, page.getByRole('button', { name: 'Verify the chain' }));
    await keyboard.press('Enter');
    const result = page.getByRole('definition').filter({ hasText: 'Intact' });
    await result.waitFor();
    const report = page.locator('dl.audit-report');
    expect(await report.textContent()).toMatch(/Entries\d+Head\s*entry \d+, hash [0-9a-f]{64}/);
    await expectNoAxeViolations(page);
    const command = await report.locator('code').last().textContent();
    const publicKey = command?.split('--key ')[1]?.trim() ?? '';

    // Export: the download verifies offline with that public key alone.
    const link = page.getByRole('link', { name: /Download the log/ });
    await tabTo(page, link);
    const [download] = await Promise.all([page.waitForEvent('download'), keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.jsonl$/);
    const exported = await readFile((await download.path())!, 'utf8');
    const offline = await verifyExport(exported, [parsePublicKey(publicKey)]);
    expect(offline).toMatchObject({ ok: true, firstBreak: null });
    expect(offline.lastCheckpoint?.count).toBe(offline.entries);

    // The owner deletes the last entry behind the triggers' back; verification says so.
    const db = harness.database.db;
    await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await db.execute(sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`);
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /The chain is broken at entry \d+: .*removed from its end/ })
      .waitFor();
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });

  it('is for administrators only', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto('/admin/audit');
    await page.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
  });
});
