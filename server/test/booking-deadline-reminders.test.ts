import { formatInZone } from '@exam/shared/domain';
import { inArray, like, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accommodationRequests, bookings, mailMessages, users } from '../src/db/schema/index.js';
import { createDeadlineReminders } from '../src/modules/bookings/index.js';
import {
  authorise,
  bookableSitting,
  candidatesOfA,
  DAY,
  scopeA,
} from './helpers/booking-fixture.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Reminders before the free-cancellation cutoff and the accommodation request deadline, from
 * the dates the candidate's dates page shows, `deadlineReminderDays` before each; the
 * accommodation one only for a booked seat with no request. Two schedulers running at once
 * queue each reminder exactly once (the dedupe key is unique in the mail queue).
 */
describe('deadline reminders', () => {
  let t: TestApp;
  let start: number;
  beforeAll(async () => {
    t = await createTestApp();
    start = t.clock.now().getTime();
  });
  afterAll(() => t.close());

  it('sends each reminder once, on the dates page dates, even with two schedulers', async () => {
    t.clock.set(start);
    const coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    const settings = (await coordinator.get('/api/bookings/settings')).body;
    expect(settings.deadlineReminderDays).toBe(3);
    const { sittingId } = await bookableSitting(t, 5, 'Reminded sitting');
    const [a, b] = await candidatesOfA(t, 'deadline', 2);
    const [authA, authB] = await authorise(t, [a!.id, b!.id]);
    const seatA = await t.app.bookings.seats.book(a!, scopeA, sittingId, authA!);
    const seatB = await t.app.bookings.seats.book(b!, scopeA, sittingId, authB!);
    // B has asked for accommodations already: no deadline reminder for B.
    const [rowB] = await t.database.db
      .select()
      .from(bookings)
      .where(inArray(bookings.id, [seatB.bookingId]));
    await t.database.db.insert(accommodationRequests).values({
      associationId: scopeA.associationId,
      enrolmentId: rowB!.enrolmentId!,
      candidateId: b!.id,
      requested: {
        extraTimePercent: 25,
        breaks: false,
        largeText: false,
        separateRoom: false,
        reader: false,
        other: null,
      },
      requestedAt: t.clock.now(),
    });
    const dates = await t.app.bookings.views.dates(a!, scopeA);
    const cutoff = Date.parse(dates.cancelCutoffAt!);
    const deadline = Date.parse(dates.accommodationRequestDeadline!);

    const deps = reminderDeps(t);
    const one = createDeadlineReminders(deps);
    const two = createDeadlineReminders(deps);
    const both = () => Promise.all([one.runDue(), two.runDue()]);
    const sent = () =>
      t.database.db
        .select()
        .from(mailMessages)
        .where(
          or(
            like(mailMessages.dedupeKey, `%:${seatA.bookingId}:%`),
            like(mailMessages.dedupeKey, `%:${seatB.bookingId}:%`),
          ),
        );

    await both();
    expect(await sent()).toHaveLength(0);

    t.clock.set(deadline - 3 * DAY);
    const [first, second] = await both();
    expect(first! + second!).toBe(1);
    await both();
    const afterDeadline = await sent();
    expect(afterDeadline.map((m) => [m.dedupeKey, m.toAddress, m.kind])).toEqual([
      [
        `accommodation-deadline:${seatA.bookingId}:${new Date(deadline).toISOString()}`,
        a!.email,
        'accommodation-deadline-approaching',
      ],
    ]);
    // The date reads in the candidate's zone, as every candidate mail does.
    expect(afterDeadline[0]!.textBody).toContain(
      formatInZone(new Date(deadline), 'America/Detroit'),
    );

    t.clock.set(cutoff - 3 * DAY + 1);
    await both();
    await both();
    const afterCutoff = (await sent()).filter((m) => m.kind === 'cancel-cutoff-approaching');
    expect(afterCutoff.map((m) => m.dedupeKey).sort()).toEqual(
      [seatA.bookingId, seatB.bookingId]
        .map((id) => `cancel-cutoff:${id}:${new Date(cutoff).toISOString()}`)
        .sort(),
    );

    t.clock.set(cutoff + 1);
    await both();
    expect(await sent()).toHaveLength(3);
    t.clock.set(start);
  });

  it('sends none when the association sets zero days', async () => {
    t.clock.set(start);
    const coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    const settings = (await coordinator.get('/api/bookings/settings')).body;
    const saved = await coordinator.put('/api/bookings/settings', {
      ...settings,
      deadlineReminderDays: 0,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.deadlineReminderDays).toBe(0);
    const { sittingId } = await bookableSitting(t, 5, 'Quiet sitting');
    const [a] = await candidatesOfA(t, 'quiet', 1);
    const [authA] = await authorise(t, [a!.id]);
    const seat = await t.app.bookings.seats.book(a!, scopeA, sittingId, authA!);
    const dates = await t.app.bookings.views.dates(a!, scopeA);
    t.clock.set(Date.parse(dates.accommodationRequestDeadline!) - DAY);
    expect(await createDeadlineReminders(reminderDeps(t)).runDue()).toBe(0);
    const mails = await t.database.db
      .select()
      .from(mailMessages)
      .where(like(mailMessages.dedupeKey, `%:${seat.bookingId}:%`));
    expect(mails).toHaveLength(0);
    t.clock.set(start);
    await coordinator.put('/api/bookings/settings', settings);
  });
});

/** The reminders' deps, reading contacts straight from the accounts (zone: Detroit). */
function reminderDeps(t: TestApp) {
  return {
    db: t.database.db,
    clock: t.clock,
    users: {
      mailContactsOf: async (_db: unknown, ids: readonly string[]) =>
        (
          await t.database.db
            .select({ id: users.id, email: users.email, displayName: users.displayName })
            .from(users)
            .where(inArray(users.id, [...ids]))
        ).map((u) => ({ ...u, timeZone: 'America/Detroit' })),
    },
    outbox: t.app.mail.outbox,
  };
}
