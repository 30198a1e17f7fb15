import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema/index.js';
import {
  AUTHORISATION_CSV_HEADER,
  AUTHORISATION_IMPORT_URL,
  type AuthorisationReportRow,
  bookableSitting,
  candidatesOfA,
  held,
  scopeA,
  startExamOnSeat,
} from './helpers/booking-fixture.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Authorisations entered by hand follow the import's rule: a repeat of a running, unspent
 * authorisation with the same effect is refused and changes nothing, whichever way each came in.
 */
describe('authorisation entry by hand: repeats', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiAs>;
  beforeAll(async () => {
    t = await createTestApp();
    api = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
  });
  afterAll(() => t.close());

  const entry = (email: string, change: object = {}) =>
    api.post('/api/bookings/authorisations', {
      email,
      examEndorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
      parts: [1, 2],
      reference: null,
      ...change,
    });
  const grants = async () =>
    (
      await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'bookings.authorisation_granted'))
    ).length;

  it('refuses a repeat of what the candidate holds, changing nothing; another effect is new', async () => {
    await candidatesOfA(t, 'byhand', 1);
    const email = 'byhand0@seats.test';
    expect((await entry(email, { reference: 'APP-20' })).status).toBe(201);
    const before = { held: (await held(t, [email])).length, grants: await grants() };
    // The same approval again, its parts in another order and another reference: a repeat.
    const again = await entry(email, { parts: [2, 1], reference: 'APP-21' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'ALREADY_EXISTS',
      message: expect.stringMatching(
        /^Already authorised: the candidate holds this authorisation until \d{4}-\d\d-\d\d \d\d:\d\d UTC; extend it/,
      ),
    });
    expect({ held: (await held(t, [email])).length, grants: await grants() }).toEqual(before);
    // Part One alone, or another category, is another authorisation.
    expect((await entry(email, { parts: [1] })).status).toBe(201);
    expect((await entry(email, { category: 'mental-health-mentor', track: 'policy' })).status).toBe(
      201,
    );
    expect(await held(t, [email])).toHaveLength(3);
  });

  it('and the import and the entry refuse each other’s repeats', async () => {
    await candidatesOfA(t, 'crossed', 2);
    expect((await entry('crossed0@seats.test')).status).toBe(201);
    const file = [
      AUTHORISATION_CSV_HEADER,
      'crossed0@seats.test,,IMH-E,mental-health-specialist,,both,APP-30',
      'crossed1@seats.test,,IMH-E,mental-health-specialist,,both,APP-31',
    ].join('\n');
    const report = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: true })).body;
    expect(report.committed).toBe(false);
    expect((report.rows as AuthorisationReportRow[]).map((r) => r.errors)).toEqual([
      [expect.stringMatching(/^Already authorised: .*; nothing to import\.$/)],
      [],
    ]);
    const imported = (
      await api.post(AUTHORISATION_IMPORT_URL, {
        csv: [AUTHORISATION_CSV_HEADER, file.split('\n')[2]].join('\n'),
        commit: true,
      })
    ).body;
    expect(imported.committed).toBe(true);
    expect((await entry('crossed1@seats.test')).status).toBe(409);
    expect(await held(t, ['crossed0@seats.test', 'crossed1@seats.test'])).toHaveLength(2);
  });

  it('grants again once the earlier one is spent (sat on)', async () => {
    const { sittingId } = await bookableSitting(t, 5, 'Sat-on by hand sitting');
    const [sat] = await candidatesOfA(t, 'handsat', 1);
    const email = 'handsat0@seats.test';
    const first = await entry(email);
    expect(first.status).toBe(201);
    const booked = await t.app.bookings.seats.book(sat!, scopeA, sittingId, first.body.id);
    expect((await entry(email)).status).toBe(409);
    await startExamOnSeat(t, sat!.id, booked.bookingId);
    const after = await entry(email);
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    expect(await held(t, [email])).toHaveLength(2);
  });

  // On PostgreSQL (TEST_DATABASE_URL) the two transactions overlap; PGlite runs them in turn.
  it('grants once when the same entry is sent twice at the same moment', async () => {
    await candidatesOfA(t, 'handrace', 1);
    const email = 'handrace0@seats.test';
    const both = await Promise.all([entry(email), entry(email)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await held(t, [email])).toHaveLength(1);
  });
});
