import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailMessages } from '../../server/src/db/schema/mail.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from '../support/browser-harness.js';

const CHOSEN = 'kestrel-lantern-orchard-47';
let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('invitations', () => {
  it('an admin invites a grader, resends from the pending list, and the grader accepts from the Mail page link and signs in', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'admin@demo.test');

    // Staff are invited by default: no password typed by anyone but the person.
    await page.getByRole('main').getByRole('link', { name: 'Users and roles' }).click();
    const form = page.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Email address').fill('nia.new@demo.test');
    await form.getByLabel('Display name').fill('Nia Newgrader');
    await form.getByRole('checkbox', { name: 'Grader', exact: true }).check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await form.getByText('and mailed an invitation to choose a password').waitFor();

    // Who has not accepted yet, with a fresh link on demand.
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: 'Pending invitations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pending invitations' }).waitFor();
    const pending = page.getByRole('table', { name: 'Invitations not yet accepted' });
    await pending.getByRole('row').filter({ hasText: 'nia.new@demo.test' }).waitFor();
    await expectNoAxeViolations(page);
    await pending.getByRole('button', { name: 'Resend to nia.new@demo.test', exact: true }).click();
    await page.getByText('the earlier link no longer works').waitFor();

    // The Mail page on the embedded default is the mailbox: open the newest invitation.
    await page.goto('/admin/mail');
    await page.getByRole('heading', { level: 1, name: 'Mail' }).waitFor();
    await page.getByText(/No mail server is set \(SMTP_URL\)/).waitFor();
    const rows = page.getByRole('row').filter({ hasText: 'nia.new@demo.test' });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await rows
      .first()
      .getByRole('button', { name: /Your invitation/ })
      .click();
    await page.getByRole('heading', { level: 2, name: /Your invitation/ }).waitFor();
    await expectNoAxeViolations(page);
    const accept = page
      .frameLocator('iframe[title^="Message:"]')
      .getByRole('link', { name: 'Accept the invitation' });
    const href = (await accept.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/invitation\?token=/);

    // The newest link works; the one the resend replaced does not.
    const [first] = await harness.database.db
      .select()
      .from(mailMessages)
      .where(
        and(eq(mailMessages.toAddress, 'nia.new@demo.test'), eq(mailMessages.kind, 'invitation')),
      )
      .orderBy(mailMessages.createdAt)
      .limit(1);
    expect(first?.link).not.toBe(href);
    const stale = await harness.newPage();
    await stale.page.goto(new URL(first!.link!).pathname + new URL(first!.link!).search);
    await stale.page.getByText(/not valid/).waitFor();

    const invitee = await harness.newPage();
    await invitee.page.goto(new URL(href).pathname + new URL(href).search);
    await invitee.page.getByRole('heading', { level: 1, name: 'Welcome, Nia Newgrader' }).waitFor();
    await expectNoAxeViolations(invitee.page);
    await invitee.page.getByLabel('New password').fill(CHOSEN);
    await invitee.page.getByLabel('Your time zone').selectOption('Asia/Tokyo');
    await invitee.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    // Signed out, the chosen password signs in; the zone chosen at acceptance is the account's.
    await invitee.page.getByRole('button', { name: 'Sign out' }).click();
    await invitee.page.goto('/login');
    await invitee.page.getByLabel('Email address').fill('nia.new@demo.test');
    await invitee.page.getByLabel('Password', { exact: true }).fill(CHOSEN);
    await invitee.page.getByRole('button', { name: 'Sign in' }).click();
    await invitee.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await invitee.page.goto('/account');
    await invitee.page.getByText('Dates and times are shown in Asia/Tokyo').waitFor();
    await invitee.page.getByLabel('Your time zone').selectOption('Europe/Paris');
    await invitee.page.getByRole('button', { name: 'Save time zone' }).click();
    await invitee.page.getByText('Dates and times are shown in Europe/Paris').waitFor();
    await expectNoAxeViolations(invitee.page);

    // Accepted: no longer pending.
    await page.goto('/admin/invitations');
    await page.getByRole('heading', { level: 1, name: 'Pending invitations' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('main').textContent()).not.toContain('nia.new@demo.test');
  });

  it('an administrator resets a user’s two-factor from the users page, confirmed, and the user is mailed', async () => {
    const { page } = await harness.newPage();
    await signIn(page, 'admin@demo.test');
    await page.goto('/admin/users');
    await page.getByRole('table', { name: 'All users' }).waitFor();
    await page
      .getByRole('button', { name: 'Reset two-factor for Corin Coordinator', exact: true })
      .click();
    await page.getByRole('group', { name: 'Reset two-factor for Corin Coordinator?' }).waitFor();
    await expectNoAxeViolations(page);
    // The confirmation has the focus: Enter confirms.
    await page.keyboard.press('Enter');
    await page.getByText('Reset the two-factor sign-in of Corin Coordinator').waitFor();
    const mailed = await harness.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.toAddress, 'coordinator@demo.test'));
    expect(mailed.map((m) => m.kind)).toContain('two-factor-reset');
  });
});
