import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookings, enrolments, mailMessages } from '../src/db/schema/index.js';
import { associationB, send } from './helpers/association-b.js';
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
 * waitlist's promotion and its mail, the no-show rule, placement over capacity, the audited
 * extension, and isolation from another association.
 */
describe('seats and authorisations', () => {
  let t: TestApp;
  let start: number;
  beforeAll(async () => {
    t = await createTestApp();
    start = t.clock.now().getTime();
  });
  afterAll(() => t.close());
  let bOnce: ReturnType<typeof associationB> | undefined;
  const associationOnce = () => (bOnce ??= associationB(t.app, t.database.db));

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

async function userId(t: TestApp, email: string) {
  const { users } = await import('../src/db/schema/index.js');
  const [row] = await t.database.db.select().from(users).where(eq(users.email, email));
  return row?.id;
}
