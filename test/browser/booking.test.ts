import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '@exam/shared/api';
import { associationScope } from '../../server/src/db/association-scope.js';
import { bookings, mailMessages, sittings, users } from '../../server/src/db/schema/index.js';
import { DEFAULT_ASSOCIATION_ID } from '../../server/src/modules/auth/index.js';
import { authorisationFor } from '../../server/test/helpers/booking-fixture.js';
import {
  expectNoAxeViolations,
  signIn,
  startBrowserHarness,
  tabTo,
  type BrowserHarness,
} from '../support/browser-harness.js';

let harness: BrowserHarness;
const DAY = 86_400_000;
const scope = associationScope(DEFAULT_ASSOCIATION_ID);

async function userOf(email: string): Promise<CurrentUser> {
  const [row] = await harness.database.db.select().from(users).where(eq(users.email, email));
  return {
    id: row!.id,
    email,
    displayName: row!.displayName,
    roles: [],
    association: null,
    memberships: [],
    timeZone: 'UTC',
  } as unknown as CurrentUser;
}

/** A scheduled sitting of the demo association, open for booking, with `capacity` seats. */
async function openSitting(name: string, capacity: number | null, daysAhead = 30): Promise<string> {
  const startsAt = new Date(Date.now() + daysAhead * DAY);
  const [row] = await harness.database.db
    .insert(sittings)
    .values({ associationId: DEFAULT_ASSOCIATION_ID, name, status: 'scheduled', startsAt })
    .returning({ id: sittings.id });
  const coordinator = await userOf('coordinator@demo.test');
  await harness.app.bookings.seats.configure(coordinator, scope, row!.id, {
    capacity,
    bookingOpensAt: new Date(Date.now() - DAY).toISOString(),
    bookingClosesAt: new Date(startsAt.getTime() - 7 * DAY).toISOString(),
    cancelCutoffAt: new Date(startsAt.getTime() - 2 * DAY).toISOString(),
  });
  return row!.id;
}

async function authorise(email: string): Promise<string> {
  const person = await userOf(email);
  const saved = await harness.database.db.transaction((tx) =>
    harness.app.bookings.authorisations.grantAuthorisation(tx, authorisationFor(person.id)),
  );
  return saved.id;
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  await authorise('candidate@demo.test');
});
afterAll(async () => {
  await harness?.close();
});

describe('booking a seat', () => {
  it('books and cancels a seat from My exam, by keyboard, and shows the dates in the zone', async () => {
    await openSitting('Spring booking sitting', 20);
    // Past the authorisation's twelve months: shown, but not bookable, with the expiry.
    await openSitting('Far booking sitting', 20, 400);
    const { page, problems } = await harness.newPage();
    await signIn(page, 'candidate@demo.test');
    await tabTo(page, page.getByRole('link', { name: 'My exam', exact: true }).first());
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My exam' }).waitFor();
    await page.getByText(/valid until/).waitFor();
    await page
      .getByRole('row', { name: /Far booking sitting/ })
      .getByText(/Not bookable: your authorisation expires .+, before this sitting starts\./)
      .waitFor();
    expect(
      await page.getByRole('button', { name: 'Book a seat in Far booking sitting' }).count(),
    ).toBe(0);
    const book = page.getByRole('button', { name: 'Book a seat in Spring booking sitting' });
    await tabTo(page, book);
    await page.keyboard.press('Enter');
    await page.getByText('Your seat in Spring booking sitting is booked.').waitFor();
    await page.getByText(/Seat booked/).waitFor();
    // The Book button is gone: focus is on the booking, not dropped to the page body.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? null))
      .toBe('Your booking');
    await expectNoAxeViolations(page);

    await page.goto('/my-dates');
    await page.getByRole('heading', { level: 1, name: 'Your dates' }).waitFor();
    await page.getByText('for Spring booking sitting').waitFor();
    const retake = page.locator('dt', { hasText: 'Earliest retake' }).locator('xpath=..');
    expect(await retake.locator('dd').textContent()).toBe('Not applicable');
    const cutoff = page.locator('dt', { hasText: 'Free cancellation until' }).locator('xpath=..');
    expect(await cutoff.locator('dd').textContent()).toMatch(/UTC|GMT|[A-Z][a-z]+\/[A-Za-z_]+/);
    await expectNoAxeViolations(page);

    await page.goto('/my-exam');
    const cancel = page.getByRole('button', { name: 'Cancel booking', exact: true });
    await tabTo(page, cancel);
    await page.keyboard.press('Enter');
    await page.getByText('Your booking is cancelled.').waitFor();
    await page.getByText('You have not booked a seat.').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? null))
      .toBe('Your booking');
    expect(problems).toEqual([]);
  });

  it('waitlists on a full sitting and promotes the first waiting when a seat is withdrawn', async () => {
    const sittingId = await openSitting('Full booking sitting', 1);
    const riley = await userOf('mentor.research@demo.test');
    const rileyAuth = await authorise('mentor.research@demo.test');
    const seat = await harness.app.bookings.seats.book(riley, scope, sittingId, rileyAuth);
    expect(seat.status).toBe('booked');

    const candidate = await harness.newPage();
    await signIn(candidate.page, 'candidate@demo.test');
    await candidate.page.goto('/my-exam');
    const join = candidate.page.getByRole('button', {
      name: 'Join the waitlist for Full booking sitting',
    });
    await tabTo(candidate.page, join);
    await candidate.page.keyboard.press('Enter');
    await candidate.page
      .getByText('Full booking sitting is full: you are number 1 on the waitlist.')
      .waitFor();
    await expectNoAxeViolations(candidate.page);

    const coordinator = await harness.newPage();
    await signIn(coordinator.page, 'coordinator@demo.test');
    await coordinator.page.goto(`/coordinator/sittings/${sittingId}/seats`);
    await coordinator.page
      .getByRole('heading', { level: 1, name: 'Seats: Full booking sitting' })
      .waitFor();
    await coordinator.page.getByRole('row', { name: /Casey Candidate/ }).waitFor();
    await expectNoAxeViolations(coordinator.page);
    await coordinator.page.getByLabel('Reason for a withdrawal').fill('Riley asked to withdraw');
    const withdraw = coordinator.page.getByRole('button', { name: 'Withdraw Riley Researcher' });
    await tabTo(coordinator.page, withdraw);
    await coordinator.page.keyboard.press('Enter');
    await coordinator.page.getByText("Riley Researcher's booking is withdrawn.").waitFor();
    const casey = coordinator.page.getByRole('row', { name: /Casey Candidate/ });
    await expect.poll(() => casey.locator('td').first().textContent()).toBe('Booked');

    await candidate.page.reload();
    await candidate.page.getByText(/Seat booked/).waitFor();
    const caseyId = (await userOf('candidate@demo.test')).id;
    const [promoted] = await harness.database.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.sittingId, sittingId), eq(bookings.candidateId, caseyId)));
    expect(promoted?.status).toBe('booked');
    const mails = await harness.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.dedupeKey, `waitlist-promoted:${promoted!.id}`));
    expect(mails).toHaveLength(1);
    expect(candidate.problems).toEqual([]);
    expect(coordinator.problems).toEqual([]);
  });

  it('books, moves and cancels once however often the button is pressed', async () => {
    await openSitting('Double-press sitting', 20);
    await openSitting('Double-press later sitting', 20, 40);
    await authorise('mentor.policy@demo.test');
    const { page, problems } = await harness.newPage();
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/bookings')) writes.push(r.url());
    });
    await signIn(page, 'mentor.policy@demo.test');
    await page.goto('/my-exam');
    const book = page.getByRole('button', { name: 'Book a seat in Double-press sitting' });
    await tabTo(page, book);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByText('Your seat in Double-press sitting is booked.').waitFor();
    expect(writes).toHaveLength(1);
    expect(await page.locator('.form-error').textContent()).toBe('');

    await page.getByRole('combobox', { name: 'Move to another sitting' }).selectOption({
      label: 'Double-press later sitting',
    });
    const move = page.getByRole('button', { name: 'Move my booking' });
    await tabTo(page, move);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByText('Your seat is moved.').waitFor();
    expect(writes.filter((url) => url.endsWith('/reschedule'))).toHaveLength(1);

    const cancel = page.getByRole('button', { name: 'Cancel booking', exact: true });
    await tabTo(page, cancel);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByText('Your booking is cancelled.').waitFor();
    expect(writes.filter((url) => url.endsWith('/cancel'))).toHaveLength(1);
    expect(await page.locator('.form-error').textContent()).toBe('');
    expect(problems).toEqual([]);
  });

  it('lets the coordinator import with a report, and extend an authorisation with a reason', async () => {
    const { page, problems } = await harness.newPage();
    await signIn(page, 'coordinator@demo.test');
    await tabTo(
      page,
      page.getByRole('link', { name: 'Authorisations and seats', exact: true }).first(),
    );
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Authorisations and seats' }).waitFor();
    await page
      .getByRole('row', { name: /Casey Candidate/ })
      .first()
      .waitFor();
    await expectNoAxeViolations(page);

    await page
      .getByLabel('CSV from the application system')
      .fill(
        'email,exam_endorsement,category,parts\nnobody@demo.test,IMH-E,mental-health-specialist,1',
      );
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/nothing was imported/).waitFor();
    await page
      .getByText(/Line 2 \(nobody@demo.test\): No account of this association has the email/)
      .waitFor();
    // With the applicant's name, the address is invited and the authorisation waits on it.
    await page
      .getByLabel('CSV from the application system')
      .fill(
        'email,name,exam_endorsement,category,parts\nnobody@demo.test,Noor Newcomer,IMH-E,mental-health-specialist,1',
      );
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByText('Imported 1 authorisations. Invited 1 applicants without an account.')
      .waitFor();
    await page.getByRole('row', { name: /Noor Newcomer/ }).waitFor();
    const invitations = await harness.database.db
      .select()
      .from(mailMessages)
      .where(
        and(eq(mailMessages.toAddress, 'nobody@demo.test'), eq(mailMessages.kind, 'invitation')),
      );
    expect(invitations).toHaveLength(1);
    // The same file again grants nothing twice, and the report says which row and why.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/0 rows are ready, 1 have problems; nothing was imported/).waitFor();
    await page
      .getByText(/Line 2 \(nobody@demo.test\): Already authorised: the candidate holds this/)
      .waitFor();

    await page
      .getByRole('button', { name: "Extend Casey Candidate's authorisation" })
      .first()
      .click();
    const form = page.getByRole('form', { name: /Extend Casey Candidate/ });
    const date = form.getByLabel('Date');
    const current = await date.inputValue();
    const later = `${Number(current.slice(0, 4)) + 1}${current.slice(4)}`;
    await date.fill(later);
    await form.getByLabel('Reason').fill('Deferred for medical reasons');
    await form.getByRole('button', { name: 'Extend' }).click();
    await page
      .getByRole('row', { name: new RegExp(`Casey Candidate`) })
      .first()
      .waitFor();
    await expect
      .poll(async () =>
        (await page.getByRole('row', { name: /Casey Candidate/ }).allTextContents()).join(' '),
      )
      .toContain(later.slice(0, 4));
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
});
