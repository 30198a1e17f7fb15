import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments, sittings, users } from '../src/db/schema/index.js';
import { DEMO_APPLICANT, DEMO_BOOKABLE_SITTING_NAME } from '../src/seed/demo-sitting.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * The demo that `npm start` seeds shows the candidate's path: the applicant signs in to an
 * authorisation, sees Michigan's remote sitting with seats, books one, and sees their dates;
 * the coordinator sees the booking on the sitting's seats.
 */
describe('the demo applicant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ bookable: true });
  });
  afterAll(() => t.close());

  it('books a seat in the demo sitting with the seeded authorisation', async () => {
    const applicant = apiAs(t.app, await loginAs(t.app, DEMO_APPLICANT));
    const mine = await applicant.get('/api/bookings/mine');
    expect(mine.status).toBe(200);
    expect(mine.body.bookings).toEqual([]);
    const [authorisation] = mine.body.authorisations;
    expect(authorisation).toMatchObject({ examEndorsement: 'IMH-E', parts: [1, 2] });
    const offer = mine.body.offers.find(
      (o: { name: string }) => o.name === DEMO_BOOKABLE_SITTING_NAME,
    );
    expect(offer).toMatchObject({ remote: true, capacity: 12, seatsTaken: 0 });

    const booked = await applicant.post('/api/bookings', {
      sittingId: offer.sittingId,
      authorisationId: authorisation.id,
    });
    expect(booked.status).toBe(201);
    expect(booked.body.status).toBe('booked');

    const dates = await applicant.get('/api/bookings/mine/dates');
    expect(dates.body).toMatchObject({
      sittingName: DEMO_BOOKABLE_SITTING_NAME,
      authorisationExpiresAt: expect.any(String),
      cancelCutoffAt: expect.any(String),
      accommodationRequestDeadline: expect.any(String),
      startsAt: offer.startsAt,
    });

    const coordinator = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    const seats = await coordinator.get(`/api/bookings/sittings/${offer.sittingId}`);
    expect(seats.status).toBe(200);
    expect(JSON.stringify(seats.body)).toContain('Alex Applicant');
  });

  it('enrols the applicant only through the booking, never in the open practice sitting', async () => {
    const rows = await t.database.db
      .select({ sitting: sittings.name })
      .from(enrolments)
      .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
      .innerJoin(users, eq(users.id, enrolments.candidateId))
      .where(eq(users.email, DEMO_APPLICANT));
    expect(rows).toEqual([{ sitting: DEMO_BOOKABLE_SITTING_NAME }]);
  });
});
