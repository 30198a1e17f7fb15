import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, enrolments, mailMessages } from '../src/db/schema/index.js';
import {
  authorise,
  bookableSitting,
  candidatesOfA,
  codeOf,
  DAY,
  grantOne,
  HOUR,
  scopeA,
} from './helpers/booking-fixture.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * The booking rules on the server's UTC clock (moved by the injectable clock): windows and
 * cutoffs inclusive, expired authorisations book nothing, reschedule under both rules, the
 * waitlist's promotion and its mail, and the no-show rule.
 */
describe('seats and authorisations', () => {
  let t: TestApp;
  let start: number;
  beforeAll(async () => {
    t = await createTestApp();
    start = t.clock.now().getTime();
  });
  afterAll(() => t.close());

  it('opens booking at its first instant and closes it after its last, inclusive', async () => {
    t.clock.set(start);
    const { sittingId, seats } = await bookableSitting(t, 10, 'Window sitting');
    const [a, b, c] = await candidatesOfA(t, 'window', 3);
    // Authorised before booking opens, so only the booking window decides here.
    t.clock.set(start - 2 * HOUR);
    const [authA, authB, authC] = await authorise(t, [a!.id, b!.id, c!.id]);
    const opens = Date.parse(seats.bookingOpensAt);
    const closes = Date.parse(seats.bookingClosesAt);

    t.clock.set(opens - 1);
    await expect(t.app.bookings.seats.book(a!, scopeA, sittingId, authA!)).rejects.toSatisfy(
      (e) => codeOf(e) === 'BOOKING_WINDOW_CLOSED',
    );
    t.clock.set(opens);
    expect((await t.app.bookings.seats.book(a!, scopeA, sittingId, authA!)).status).toBe('booked');
    t.clock.set(closes);
    expect((await t.app.bookings.seats.book(b!, scopeA, sittingId, authB!)).status).toBe('booked');
    t.clock.set(closes + 1);
    await expect(t.app.bookings.seats.book(c!, scopeA, sittingId, authC!)).rejects.toSatisfy(
      (e) => codeOf(e) === 'BOOKING_WINDOW_CLOSED',
    );
    t.clock.set(start);
  });

  it('books nothing on an expired authorisation; its last instant still books', async () => {
    t.clock.set(start);
    const { sittingId, startsAt } = await bookableSitting(t, null, 'Expiry sitting');
    const [a, b] = await candidatesOfA(t, 'expiry', 2);
    const expiresAt = new Date(start + 2 * DAY);
    const grant = (candidateId: string, until = expiresAt) =>
      grantOne(t, candidateId, { parts: [2], source: 'retake', expiresAt: until });
    const authA = await grant(a!.id);
    // Running to the sitting's first instant covers it (inclusive).
    const authB = await grant(b!.id, startsAt);
    t.clock.set(expiresAt.getTime() + 1);
    await expect(t.app.bookings.seats.book(a!, scopeA, sittingId, authA.id)).rejects.toSatisfy(
      (e) => codeOf(e) === 'AUTHORISATION_EXPIRED',
    );
    // At its last instant it is still valid: what refuses it now is the sitting's later start.
    t.clock.set(expiresAt.getTime());
    await expect(t.app.bookings.seats.book(a!, scopeA, sittingId, authA.id)).rejects.toSatisfy(
      (e) => codeOf(e) === 'AUTHORISATION_EXPIRES_BEFORE_SITTING',
    );
    const booked = await t.app.bookings.seats.book(b!, scopeA, sittingId, authB.id);
    expect(booked.status).toBe('booked');
    // The enrolment carries the authorisation's parts: a Part Two retake sits Part Two only.
    const [row] = await t.database.db
      .select()
      .from(bookings)
      .where(eq(bookings.id, booked.bookingId));
    const [enrolment] = await t.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, row!.enrolmentId!));
    expect(enrolment?.parts).toEqual([2]);
    t.clock.set(start);
  });

  it('cancels until the cutoff inclusive; a reschedule needs both rules or changes nothing', async () => {
    t.clock.set(start);
    const first = await bookableSitting(t, 5, 'Cutoff sitting');
    const second = await bookableSitting(t, 5, 'Second sitting');
    const [a, b] = await candidatesOfA(t, 'cutoff', 2);
    const [authA, authB] = await authorise(t, [a!.id, b!.id]);
    const bookedA = await t.app.bookings.seats.book(a!, scopeA, first.sittingId, authA!);
    const bookedB = await t.app.bookings.seats.book(b!, scopeA, first.sittingId, authB!);
    const cutoff = Date.parse(first.seats.cancelCutoffAt);

    t.clock.set(cutoff + 1);
    await expect(t.app.bookings.seats.cancel(a!, scopeA, bookedA.bookingId)).rejects.toSatisfy(
      (e) => codeOf(e) === 'CANCEL_CUTOFF_PASSED',
    );
    // Past the first sitting's cutoff a move is refused too, however open the second is.
    await expect(
      t.app.bookings.seats.reschedule(a!, scopeA, bookedA.bookingId, second.sittingId),
    ).rejects.toSatisfy((e) => codeOf(e) === 'CANCEL_CUTOFF_PASSED');

    t.clock.set(cutoff);
    await t.app.bookings.seats.cancel(a!, scopeA, bookedA.bookingId);
    const [cancelled] = await t.database.db
      .select()
      .from(bookings)
      .where(eq(bookings.id, bookedA.bookingId));
    expect(cancelled?.status).toBe('cancelled');
    const left = await t.database.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.sittingId, first.sittingId), eq(enrolments.candidateId, a!.id)));
    expect(left).toHaveLength(0);

    // The second sitting's booking closed a week before it; before the first's cutoff, a move
    // into a closed window fails and B keeps the first seat (one transaction).
    t.clock.set(Date.parse(second.seats.bookingClosesAt) + 1);
    const stillOpen = cutoff - 1 > Date.parse(second.seats.bookingClosesAt);
    expect(stillOpen).toBe(true);
    await expect(
      t.app.bookings.seats.reschedule(b!, scopeA, bookedB.bookingId, second.sittingId),
    ).rejects.toSatisfy((e) => codeOf(e) === 'BOOKING_WINDOW_CLOSED');
    const [kept] = await t.database.db
      .select()
      .from(bookings)
      .where(eq(bookings.id, bookedB.bookingId));
    expect(kept?.status).toBe('booked');

    t.clock.set(start);
    const moved = await t.app.bookings.seats.reschedule(
      b!,
      scopeA,
      bookedB.bookingId,
      second.sittingId,
    );
    expect(moved.status).toBe('booked');
  });

  it('gives a freed seat to the first waiting, enrols and mails them in the same change', async () => {
    t.clock.set(start);
    const { sittingId } = await bookableSitting(t, 1, 'Waitlist sitting');
    const [a, b, c] = await candidatesOfA(t, 'wait', 3);
    const [authA, authB, authC] = await authorise(t, [a!.id, b!.id, c!.id]);
    const seat = await t.app.bookings.seats.book(a!, scopeA, sittingId, authA!);
    const second = await t.app.bookings.seats.book(b!, scopeA, sittingId, authB!);
    const third = await t.app.bookings.seats.book(c!, scopeA, sittingId, authC!);
    expect([seat.status, second.status, third.status]).toEqual(['booked', 'waiting', 'waiting']);
    expect([second.waitPosition, third.waitPosition]).toEqual([1, 2]);
    await expect(t.app.bookings.seats.book(b!, scopeA, sittingId, authB!)).rejects.toSatisfy(
      (e) => codeOf(e) === 'ALREADY_BOOKED',
    );

    await t.app.bookings.seats.cancel(a!, scopeA, seat.bookingId);
    const view = await t.app.bookings.views.sittingSeats(scopeA, sittingId);
    const status = new Map(view.bookings.map((x) => [x.candidateId, x]));
    expect(status.get(b!.id)?.status).toBe('booked');
    expect(status.get(c!.id)?.waitPosition).toBe(1);
    const enrolled = await t.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.sittingId, sittingId));
    expect(enrolled.map((e) => e.candidateId)).toEqual([b!.id]);
    const mails = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.dedupeKey, `waitlist-promoted:${second.bookingId}`));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.toAddress).toBe(b!.email);
    expect(mails[0]?.kind).toBe('waitlist-promoted');
  });

  it('records a no-show by the association rule, only once the sitting has started', async () => {
    t.clock.set(start);
    const coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    const settings = (await coordinator.get('/api/bookings/settings')).body;
    expect(settings.accommodationRequestDays).toBe(14);
    expect(settings.noShowCountsAsAttempt).toBe(true);
    const saved = await coordinator.put('/api/bookings/settings', {
      ...settings,
      noShowCountsAsAttempt: false,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const { sittingId, startsAt } = await bookableSitting(t, 3, 'No-show sitting');
    const [a] = await candidatesOfA(t, 'noshow', 1);
    const [authA] = await authorise(t, [a!.id]);
    const booked = await t.app.bookings.seats.book(a!, scopeA, sittingId, authA!);
    const actor = { ...a!, id: (await userId(t, 'coordinator@demo.test'))! };
    await expect(
      t.app.bookings.seats.recordNoShow(actor, scopeA, booked.bookingId),
    ).rejects.toSatisfy((e) => codeOf(e) === 'CONFLICT');
    t.clock.set(startsAt.getTime() + 2 * HOUR);
    expect(await t.app.bookings.seats.recordNoShow(actor, scopeA, booked.bookingId)).toBe(false);
    const [row] = await t.database.db
      .select()
      .from(bookings)
      .where(eq(bookings.id, booked.bookingId));
    expect(row?.status).toBe('no-show');
    expect(row?.noShowCountsAsAttempt).toBe(false);
    t.clock.set(start);
    await coordinator.put('/api/bookings/settings', settings);
  });
});

async function userId(t: TestApp, email: string) {
  const { users } = await import('../src/db/schema/index.js');
  const [row] = await t.database.db.select().from(users).where(eq(users.email, email));
  return row?.id;
}
