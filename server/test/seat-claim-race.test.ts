import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookings, enrolments, sittingSeats } from '../src/db/schema/index.js';
import { authorise, bookableSitting, candidatesOfA, scopeA } from './helpers/booking-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The seat claim is one conditional UPDATE (bookings/seats.repo.ts claimSeat): 50 candidates
 * booking the last 3 seats at once get exactly 3 seats and a waitlist in arrival order. Runs on
 * PostgreSQL (a pool: truly concurrent) and on the embedded database (test/embedded-tier.txt).
 */
describe('fifty candidates race for the last three seats', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seats exactly three, waitlists the rest in the order their claims arrived', async () => {
    // Capacity 5 with 2 already taken: the last 3 seats.
    const { sittingId } = await bookableSitting(t, 5);
    const early = await candidatesOfA(t, 'early', 2);
    const earlyAuth = await authorise(
      t,
      early.map((c) => c.id),
    );
    for (const [i, c] of early.entries()) {
      await t.app.bookings.seats.book(c, scopeA, sittingId, earlyAuth[i]!);
    }

    const racers = await candidatesOfA(t, 'racer', 50);
    const auths = await authorise(
      t,
      racers.map((c) => c.id),
    );
    const results = await Promise.all(
      racers.map((c, i) => t.app.bookings.seats.book(c, scopeA, sittingId, auths[i]!)),
    );

    expect(results.filter((r) => r.status === 'booked')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'waiting')).toHaveLength(47);
    const [seats] = await t.database.db
      .select()
      .from(sittingSeats)
      .where(eq(sittingSeats.sittingId, sittingId));
    expect(seats?.seatsTaken).toBe(5);
    expect(seats?.arrivals).toBe(52);

    const rows = await t.database.db
      .select()
      .from(bookings)
      .where(eq(bookings.sittingId, sittingId))
      .orderBy(bookings.arrival);
    // Arrival numbers are the order the claims took the sitting's lock: the first five were
    // seated, every later one waits, and the waitlist is read in that order.
    expect(rows.map((r) => r.arrival)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    expect(rows.slice(0, 5).every((r) => r.status === 'booked')).toBe(true);
    expect(rows.slice(5).every((r) => r.status === 'waiting')).toBe(true);
    const seated = await t.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.sittingId, sittingId));
    expect(seated).toHaveLength(5);

    // Each racer's own answer names its place: position p is the claim that arrived p-th after
    // the seats ran out.
    const view = await t.app.bookings.views.sittingSeats(scopeA, sittingId);
    const byId = new Map(results.map((r) => [r.bookingId, r]));
    for (const entry of view.bookings.filter((b) => b.status === 'waiting')) {
      expect(byId.get(entry.id)?.waitPosition).toBe(entry.waitPosition);
    }
    expect(view.bookings.filter((b) => b.status === 'waiting').map((b) => b.waitPosition)).toEqual(
      Array.from({ length: 47 }, (_, i) => i + 1),
    );

    // A freed seat goes to the first waiting, in the cancel's transaction.
    const firstSeated = rows.find((r) => r.status === 'booked' && r.arrival === 3)!;
    const canceller = [...early, ...racers].find((c) => c.id === firstSeated.candidateId)!;
    await t.app.bookings.seats.cancel(canceller, scopeA, firstSeated.id);
    const [promoted] = await t.database.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.sittingId, sittingId), eq(bookings.arrival, 6)));
    expect(promoted?.status).toBe('booked');
    expect(promoted?.enrolmentId).not.toBeNull();
  });
});
