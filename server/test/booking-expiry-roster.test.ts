import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  authorisations,
  bookings,
  mailMessages,
  sittings,
} from '../src/db/schema/index.js';
import {
  authorise,
  bookableSitting,
  candidatesOfA,
  codeOf,
  DAY,
  grantOne,
  scopeA,
} from './helpers/booking-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';
import { apiAs } from './helpers/coordinator.js';

/**
 * An authorisation books only sittings that start before it lapses (booking, reschedule, a
 * coordinator's placement, the waitlist's promotion, and what /my-exam offers), and removing a
 * booked candidate from the roster withdraws the booking with its seat.
 */
describe('authorisation expiry against the sitting, and roster removal', () => {
  let t: TestApp;
  let start: number;
  beforeAll(async () => {
    t = await createTestApp();
    start = t.clock.now().getTime();
  });
  afterAll(() => t.close());

  const grantUntil = (candidateId: string, expiresAt: Date) =>
    grantOne(t, candidateId, { expiresAt });
  const bookingRow = async (id: string) =>
    (await t.database.db.select().from(bookings).where(eq(bookings.id, id)))[0];

  it('refuses booking, rescheduling and placing into a sitting after the expiry', async () => {
    t.clock.set(start);
    const early = await bookableSitting(t, 5, 'Early sitting');
    const late = await bookableSitting(t, 5, 'Late sitting');
    // The late one starts a day after the early one (both 30 days ahead, created in order).
    await t.database.db
      .update(sittings)
      .set({ startsAt: new Date(late.startsAt.getTime() + DAY) })
      .where(eq(sittings.id, late.sittingId));
    const [a] = await candidatesOfA(t, 'lapse', 1);
    const expiresAt = new Date(early.startsAt.getTime() + 2 * 3_600_000);
    const auth = await grantUntil(a!.id, expiresAt);

    await expect(t.app.bookings.seats.book(a!, scopeA, late.sittingId, auth.id)).rejects.toSatisfy(
      (e) =>
        codeOf(e) === 'AUTHORISATION_EXPIRES_BEFORE_SITTING' &&
        (e as Error).message.includes(expiresAt.toISOString().slice(0, 16).replace('T', ' ')),
    );
    const booked = await t.app.bookings.seats.book(a!, scopeA, early.sittingId, auth.id);
    expect(booked.status).toBe('booked');
    await expect(
      t.app.bookings.seats.reschedule(a!, scopeA, booked.bookingId, late.sittingId),
    ).rejects.toSatisfy((e) => codeOf(e) === 'AUTHORISATION_EXPIRES_BEFORE_SITTING');
    expect((await bookingRow(booked.bookingId))?.status).toBe('booked');

    // The candidate's page shows the late sitting as not bookable, with the expiry.
    const candidate = apiAs(t.app, await loginAs(t.app, 'candidate@demo.test'));
    const [candidateRow] = await usersByEmail(t, 'candidate@demo.test');
    await grantUntil(candidateRow!.id, expiresAt);
    const offers = (await candidate.get('/api/bookings/mine')).body.offers as {
      sittingId: string;
      expiresBeforeSitting: string | null;
    }[];
    const byId = new Map(offers.map((o) => [o.sittingId, o.expiresBeforeSitting]));
    expect(byId.get(early.sittingId)).toBeNull();
    expect(byId.get(late.sittingId)).toBe(expiresAt.toISOString());

    // The coordinator cannot place them there either, capacity or not: extending is the way.
    const placed = await late.api.post(`/api/bookings/sittings/${late.sittingId}/place`, {
      email: 'candidate@demo.test',
      overCapacityReason: null,
    });
    expect(placed.status).toBe(409);
    expect(placed.body.error.code).toBe('AUTHORISATION_EXPIRES_BEFORE_SITTING');
    expect(placed.body.error.message).toMatch(/Extend it/);
  });

  it('skips a waiting candidate whose authorisation lapses before the sitting', async () => {
    t.clock.set(start);
    const { sittingId, startsAt } = await bookableSitting(t, 1, 'Skip sitting');
    const [a, b, c] = await candidatesOfA(t, 'skip', 3);
    const [authA, authB, authC] = await authorise(t, [a!.id, b!.id, c!.id]);
    const seat = await t.app.bookings.seats.book(a!, scopeA, sittingId, authA!);
    const first = await t.app.bookings.seats.book(b!, scopeA, sittingId, authB!);
    const second = await t.app.bookings.seats.book(c!, scopeA, sittingId, authC!);
    expect([first.status, second.status]).toEqual(['waiting', 'waiting']);
    // B's authorisation now ends before the sitting (as when a sitting is moved later).
    await t.database.db
      .update(authorisations)
      .set({ expiresAt: new Date(startsAt.getTime() - DAY) })
      .where(eq(authorisations.id, authB!));

    await t.app.bookings.seats.cancel(a!, scopeA, seat.bookingId);
    expect((await bookingRow(first.bookingId))?.status).toBe('cancelled');
    expect((await bookingRow(second.bookingId))?.status).toBe('booked');
    const [skipped] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'bookings.waitlist_lapsed'),
          eq(auditLog.subjectId, first.bookingId),
        ),
      );
    expect(skipped?.details).toMatchObject({ why: 'expires-before-sitting' });
    const promoted = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.dedupeKey, `waitlist-promoted:${second.bookingId}`));
    expect(promoted.map((m) => m.toAddress)).toEqual([c!.email]);
  });

  it('withdraws the booking when its enrolment is removed from the roster', async () => {
    t.clock.set(start);
    const { sittingId, api } = await bookableSitting(t, 1, 'Roster sitting');
    const [a, b] = await candidatesOfA(t, 'roster', 2);
    const [authA, authB] = await authorise(t, [a!.id, b!.id]);
    const seat = await t.app.bookings.seats.book(a!, scopeA, sittingId, authA!);
    const waiting = await t.app.bookings.seats.book(b!, scopeA, sittingId, authB!);
    const enrolmentId = (await bookingRow(seat.bookingId))!.enrolmentId!;

    const removed = await api.delete(`/api/sittings/${sittingId}/enrolments/${enrolmentId}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    expect((await bookingRow(seat.bookingId))?.status).toBe('cancelled');
    expect((await bookingRow(waiting.bookingId))?.status).toBe('booked');
    const [cancelled] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'bookings.cancelled'), eq(auditLog.subjectId, seat.bookingId)),
      );
    expect(cancelled?.details).toMatchObject({ reason: 'removed from the roster', was: 'booked' });
    const roster = (await api.get(`/api/sittings/${sittingId}/enrolments`)).body.enrolments as {
      candidateId: string;
    }[];
    expect(roster.map((e) => e.candidateId)).toEqual([b!.id]);
    const view = (await api.get(`/api/bookings/sittings/${sittingId}`)).body;
    expect(view.offer.seatsTaken).toBe(1);
    const promoted = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.dedupeKey, `waitlist-promoted:${waiting.bookingId}`));
    expect(promoted).toHaveLength(1);
  });
});

async function usersByEmail(t: TestApp, email: string) {
  const { users } = await import('../src/db/schema/index.js');
  return t.database.db.select().from(users).where(eq(users.email, email));
}
