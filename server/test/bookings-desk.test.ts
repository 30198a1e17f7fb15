import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mailMessages } from '../src/db/schema/index.js';
import { associationB, send } from './helpers/association-b.js';
import {
  authorise,
  bookableSitting,
  candidatesOfA,
  DAY,
  grantOne,
} from './helpers/booking-fixture.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * The coordinator's side of bookings on the server's UTC clock: placement over capacity, the
 * import of approved applications, the audited extension, the candidate's view, expiry reminders,
 * and isolation from another association.
 */
describe("the coordinator's booking desk", () => {
  let t: TestApp;
  let start: number;
  beforeAll(async () => {
    t = await createTestApp();
    start = t.clock.now().getTime();
  });
  afterAll(() => t.close());

  let bOnce: ReturnType<typeof associationB> | undefined;
  const associationOnce = () => (bOnce ??= associationB(t.app, t.database.db));

  it('places over capacity only with a reason, which is audited', async () => {
    t.clock.set(start);
    const { sittingId, api } = await bookableSitting(t, 0, 'Full sitting');
    const [a] = await candidatesOfA(t, 'placed', 1);
    await authorise(t, [a!.id]);
    const refused = await api.post(`/api/bookings/sittings/${sittingId}/place`, {
      email: a!.email,
      overCapacityReason: null,
    });
    expect(refused.status).toBe(409);
    const placed = await api.post(`/api/bookings/sittings/${sittingId}/place`, {
      email: a!.email,
      overCapacityReason: 'Moved from the cancelled autumn sitting',
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const view = (await api.get(`/api/bookings/sittings/${sittingId}`)).body;
    expect(view.offer.seatsTaken).toBe(1);
    expect(view.bookings[0].overCapacityReason).toBe('Moved from the cancelled autumn sitting');
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'bookings.placed_over_capacity'),
          eq(auditLog.subjectId, placed.body.bookingId),
        ),
      );
    expect(entry?.details).toMatchObject({ reason: 'Moved from the cancelled autumn sitting' });
  });

  it('imports approved applications with a per-row report, all or nothing', async () => {
    t.clock.set(start);
    const api = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    await candidatesOfA(t, 'import', 2);
    const header = 'email,exam_endorsement,category,track,parts,reference';
    const bad = [
      header,
      'import0@seats.test,IMH-E,mental-health-specialist,,both,APP-1',
      'nobody@seats.test,IMH-E,mental-health-specialist,,1,APP-2',
      'import1@seats.test,XYZ,mental-health-mentor,,3,APP-3',
    ].join('\n');
    const report = (
      await api.post('/api/bookings/authorisations/import', { csv: bad, commit: true })
    ).body;
    expect(report.committed).toBe(false);
    expect(report.validCount).toBe(1);
    expect(report.rows[1].errors[0]).toMatch(
      /No account of this association has the email nobody@seats.test: give the applicant's name/,
    );
    expect(report.rows[2].errors).toEqual([
      'The exam endorsement must be IMH-E or ECMH-E.',
      'A Mentor needs a track.',
      'Parts must be 1, 2 or both.',
    ]);
    const good = [
      header,
      'import0@seats.test,IMH-E,mental-health-specialist,,both,APP-1',
      'import1@seats.test,ECMH-E,mental-health-mentor,policy,2,APP-3',
    ].join('\n');
    const done = (
      await api.post('/api/bookings/authorisations/import', { csv: good, commit: true })
    ).body;
    expect(done.committed).toBe(true);
    const list = (await api.get('/api/bookings/authorisations')).body as {
      candidateEmail: string;
      parts: number[];
      source: string;
      expiresAt: string;
    }[];
    const imported = list.filter((x) => x.candidateEmail.startsWith('import'));
    expect(imported.map((x) => [x.candidateEmail, x.parts, x.source])).toEqual(
      expect.arrayContaining([
        ['import0@seats.test', [1, 2], 'import'],
        ['import1@seats.test', [2], 'import'],
      ]),
    );
    // The default window: twelve months from today.
    const expected = new Date(start);
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(Math.abs(Date.parse(imported[0]!.expiresAt) - expected.getTime())).toBeLessThan(3 * DAY);
  });

  it('extends only later and with a reason, audited; another association gets 404', async () => {
    t.clock.set(start);
    const api = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
    // Part One alone: a later test grants Casey both parts, which a repeat would not be.
    const created = await api.post('/api/bookings/authorisations', {
      email: 'candidate@demo.test',
      examEndorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
      parts: [1],
      reference: null,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const url = `/api/bookings/authorisations/${id}/extend`;
    const earlier = await api.post(url, {
      expiresAt: new Date(start + DAY).toISOString(),
      reason: 'Too early',
    });
    expect(earlier.status).toBe(400);
    const noReason = await api.post(url, {
      expiresAt: new Date(start + 500 * DAY).toISOString(),
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    const to = new Date(start + 500 * DAY).toISOString();
    const extended = await api.post(url, { expiresAt: to, reason: 'Medical leave' });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'bookings.authorisation_extended'), eq(auditLog.subjectId, id)),
      );
    expect(entry?.details).toMatchObject({ to, reason: 'Medical leave' });

    const b = await associationOnce();
    const foreign = await send(t.app, b.coordinator, 'POST', url, {
      expiresAt: new Date(start + 900 * DAY).toISOString(),
      reason: 'Not ours',
    });
    expect(foreign.statusCode).toBe(404);
    const listed = await send(t.app, b.coordinator, 'GET', '/api/bookings/authorisations');
    expect(listed.body).not.toContain(id);
  });

  it('shows the candidate their authorisation, open sittings and dates, and books by HTTP', async () => {
    t.clock.set(start);
    const { sittingId, startsAt, seats, api } = await bookableSitting(t, 2, 'Candidate sitting');
    const granted = await api.post('/api/bookings/authorisations', {
      email: 'candidate@demo.test',
      examEndorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
      parts: [1, 2],
      reference: 'APP-77',
    });
    expect(granted.status).toBe(201);
    const candidate = apiAs(t.app, await loginAs(t.app, 'candidate@demo.test'));
    const mine = (await candidate.get('/api/bookings/mine')).body;
    const valid = mine.authorisations.find((x: { id: string }) => x.id === granted.body.id);
    expect(valid?.valid).toBe(true);
    expect(valid).toBeDefined();
    const offer = mine.offers.find((o: { sittingId: string }) => o.sittingId === sittingId);
    expect(offer).toMatchObject({ seatsLeft: 2, open: true, cancelCutoffAt: seats.cancelCutoffAt });
    const booked = await candidate.post('/api/bookings', {
      sittingId,
      authorisationId: valid.id,
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.status).toBe('booked');
    const dates = (await candidate.get('/api/bookings/mine/dates')).body;
    expect(dates).toEqual({
      authorisationExpiresAt: expect.any(String),
      sittingName: 'Candidate sitting',
      bookingOpensAt: seats.bookingOpensAt,
      bookingClosesAt: seats.bookingClosesAt,
      cancelCutoffAt: seats.cancelCutoffAt,
      accommodationRequestDeadline: new Date(startsAt.getTime() - 14 * DAY).toISOString(),
      // The sitting clock's rule: check-in opens 30 minutes (the default) before the start.
      checkInOpensAt: new Date(startsAt.getTime() - 30 * 60_000).toISOString(),
      startsAt: startsAt.toISOString(),
      earliestRetakeDate: null,
    });
    const cancelled = await candidate.post(`/api/bookings/${booked.body.bookingId}/cancel`);
    expect(cancelled.status).toBe(204);
    // Another association's coordinator cannot withdraw or record on A's booking.
    const b = await associationOnce();
    const foreign = await send(
      t.app,
      b.coordinator,
      'POST',
      `/api/bookings/${booked.body.bookingId}/no-show`,
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('mails each expiry reminder once, even with two schedulers running', async () => {
    t.clock.set(start);
    const [a] = await candidatesOfA(t, 'remind', 1);
    const expiresAt = new Date(start + 40 * DAY);
    const auth = await grantOne(t, a!.id, { expiresAt });
    const { createExpiryReminders } = await import('../src/modules/bookings/index.js');
    const deps = {
      db: t.database.db,
      clock: t.clock,
      audit: { append: async () => {} },
      // Only mailContactsOf is read by the reminders; read straight from the accounts.
      users: {
        findByEmails: async () => [],
        findByIds: async () => [],
        mailContactsOf: async (_db: unknown, ids: readonly string[]) =>
          (await usersByIds(t, ids)).map((u) => ({ ...u, timeZone: null })),
      },
      outbox: t.app.mail.outbox,
    };
    const one = createExpiryReminders(deps);
    const two = createExpiryReminders(deps);
    const sent = () =>
      t.database.db
        .select()
        .from(mailMessages)
        .where(like(mailMessages.dedupeKey, `authorisation-expiring:${auth.id}:%`));

    await Promise.all([one.runDue(), two.runDue()]);
    expect(await sent()).toHaveLength(0);
    t.clock.set(expiresAt.getTime() - 30 * DAY);
    await Promise.all([one.runDue(), two.runDue(), one.runDue()]);
    expect((await sent()).map((m) => m.dedupeKey)).toEqual([
      `authorisation-expiring:${auth.id}:${expiresAt.toISOString()}:30`,
    ]);
    t.clock.set(expiresAt.getTime() - 6 * DAY);
    await Promise.all([one.runDue(), two.runDue()]);
    expect(await sent()).toHaveLength(2);
    t.clock.set(expiresAt.getTime() + 1);
    await Promise.all([one.runDue(), two.runDue()]);
    expect(await sent()).toHaveLength(2);
    t.clock.set(start);
  });
});

async function usersByIds(t: TestApp, ids: readonly string[]) {
  const { users } = await import('../src/db/schema/index.js');
  const { inArray } = await import('drizzle-orm');
  return t.database.db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, [...ids]));
}
