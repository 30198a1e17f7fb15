import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorisations } from '../src/db/schema/index.js';
import { importUsers } from '../src/modules/auth/index.js';
import { associationB } from './helpers/association-b.js';
import {
  AUTHORISATION_CSV_HEADER,
  AUTHORISATION_IMPORT_URL,
  type AuthorisationReportRow,
  authorise,
  bookableSitting,
  candidatesOfA,
  DAY,
  grantOne,
  held,
  scopeA,
  startExamOnSeat,
} from './helpers/booking-fixture.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Importing approved applications is idempotent in effect: a row the candidate already holds a
 * running authorisation for, or a row repeated in the file, is an error on that row (as the
 * enrolment import treats a repeated address or a candidate already enrolled), so the file is
 * refused whole and nothing is granted twice; another association's authorisations stay unseen.
 */
describe('authorisation import: repeats', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiAs>;
  beforeAll(async () => {
    t = await createTestApp();
    api = apiAs(t.app, await loginAs(t.app, 'coordinator@demo.test'));
  });
  afterAll(() => t.close());

  it('grants nothing on a second import of the same file, and says which rows', async () => {
    await candidatesOfA(t, 'again', 2);
    const file = [
      AUTHORISATION_CSV_HEADER,
      'again0@seats.test,,IMH-E,mental-health-specialist,,both,APP-1',
      'again1@seats.test,,ECMH-E,mental-health-mentor,policy,2,APP-2',
      'fresh@seats.test,Fay Fresh,IMH-E,mental-health-specialist,,1,APP-3',
    ].join('\n');
    const first = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: true })).body;
    expect(first.committed).toBe(true);
    const emails = ['again0@seats.test', 'again1@seats.test', 'fresh@seats.test'];
    expect(await held(t, emails)).toHaveLength(3);

    for (const commit of [false, true]) {
      const again = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit })).body;
      expect(again.committed).toBe(false);
      expect(again.validCount).toBe(0);
      expect(again.errorCount).toBe(3);
      // The applicant invited the first time is now a candidate of the association.
      expect(again.invited).toEqual([]);
      for (const row of again.rows as AuthorisationReportRow[]) {
        expect(row.action).toBeNull();
        expect(row.errors).toEqual([
          expect.stringMatching(
            /^Already authorised: the candidate holds this authorisation until \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
          ),
        ]);
      }
      expect((again.rows as AuthorisationReportRow[]).map((r) => r.line)).toEqual([2, 3, 4]);
    }
    expect(await held(t, emails)).toHaveLength(3);

    // Another effect for the same person (part 1 alone, or the other endorsement) is new.
    const other = [
      AUTHORISATION_CSV_HEADER,
      'again0@seats.test,,IMH-E,mental-health-specialist,,1,APP-4',
      'again1@seats.test,,IMH-E,mental-health-mentor,policy,2,APP-5',
    ].join('\n');
    const next = (await api.post(AUTHORISATION_IMPORT_URL, { csv: other, commit: true })).body;
    expect(next.errorCount).toBe(0);
    expect(next.committed).toBe(true);
    expect(await held(t, emails)).toHaveLength(5);
  });

  it('refuses a file with a repeated row, naming the line it repeats', async () => {
    await candidatesOfA(t, 'twice', 2);
    const file = [
      AUTHORISATION_CSV_HEADER,
      'twice0@seats.test,,IMH-E,mental-health-specialist,,both,APP-1',
      'twice1@seats.test,,IMH-E,mental-health-specialist,,1,APP-2',
      // The same approval again, the address in capitals and another reference: still a repeat.
      'TWICE0@seats.test,,IMH-E,Mental health specialist,,1;2,APP-1b',
      'newcomer@seats.test,Nia New,IMH-E,mental-health-specialist,,2,APP-3',
      'newcomer@seats.test,Nia New,IMH-E,mental-health-specialist,,2,APP-3',
      // The same person for another part is not a repeat.
      'twice1@seats.test,,IMH-E,mental-health-specialist,,2,APP-4',
    ].join('\n');
    const report = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: true })).body;
    expect(report.committed).toBe(false);
    const rows = report.rows as AuthorisationReportRow[];
    expect(rows.map((r) => [r.line, r.errors])).toEqual([
      [2, []],
      [3, []],
      [
        4,
        ['Duplicate of line 2: the same applicant, exam endorsement, category, track and parts.'],
      ],
      [5, []],
      [
        6,
        ['Duplicate of line 5: the same applicant, exam endorsement, category, track and parts.'],
      ],
      [7, []],
    ]);
    expect(report.errorCount).toBe(2);
    expect(
      await held(t, ['twice0@seats.test', 'twice1@seats.test', 'newcomer@seats.test']),
    ).toEqual([]);
  });

  // On PostgreSQL (TEST_DATABASE_URL) the two transactions overlap; PGlite runs them in turn.
  it('grants once when the same file is imported twice at the same moment', async () => {
    await candidatesOfA(t, 'race', 1);
    const file = [
      AUTHORISATION_CSV_HEADER,
      'race0@seats.test,,IMH-E,mental-health-specialist,,both,APP-1',
      'racer@seats.test,Rae Racer,IMH-E,mental-health-specialist,,1,APP-2',
    ].join('\n');
    const both = await Promise.all([
      api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: true }),
      api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: true }),
    ]);
    expect(both.map((r) => r.body.committed).sort()).toEqual([false, true]);
    const refused = both.find((r) => !r.body.committed)!.body;
    expect(refused.rows.map((r: AuthorisationReportRow) => r.errors[0])).toEqual([
      expect.stringMatching(/^Already authorised/),
      expect.stringMatching(/^Already authorised/),
    ]);
    expect(await held(t, ['race0@seats.test', 'racer@seats.test'])).toHaveLength(2);
  });

  it('grants again once the earlier authorisation has lapsed', async () => {
    const [lapsed] = await candidatesOfA(t, 'lapsed', 1);
    const now = t.clock.now().getTime();
    await grantOne(t, lapsed!.id, {
      validFrom: new Date(now - 400 * DAY),
      expiresAt: new Date(now - DAY),
    });
    const file = [
      AUTHORISATION_CSV_HEADER,
      'lapsed0@seats.test,,IMH-E,mental-health-specialist,,both,APP-9',
    ].join('\n');
    const report = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: true })).body;
    expect(report.rows[0].errors).toEqual([]);
    expect(report.committed).toBe(true);
    expect(await held(t, ['lapsed0@seats.test'])).toHaveLength(2);
  });

  it('grants again once the candidate has sat on the earlier one, not while it is only booked', async () => {
    const { sittingId } = await bookableSitting(t, 5, 'Sat-on sitting');
    const [sat] = await candidatesOfA(t, 'saton', 1);
    const [earlier] = await authorise(t, [sat!.id]);
    const booked = await t.app.bookings.seats.book(sat!, scopeA, sittingId, earlier!);
    const file = [
      AUTHORISATION_CSV_HEADER,
      'saton0@seats.test,,IMH-E,mental-health-specialist,,both,APP-10',
    ].join('\n');
    // Booked but not sat: the approval is still the one the candidate holds.
    const whileBooked = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: false }))
      .body;
    expect(whileBooked.rows[0].errors).toEqual([expect.stringMatching(/^Already authorised/)]);
    // The exam started on that seat: the authorisation is spent, a new approval is granted.
    await startExamOnSeat(t, sat!.id, booked.bookingId);
    const afterSitting = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: true }))
      .body;
    expect(afterSitting.rows[0].errors).toEqual([]);
    expect(afterSitting.committed).toBe(true);
    expect(await held(t, ['saton0@seats.test'])).toHaveLength(2);
  });

  it("does not reveal another association's authorisation of the same address", async () => {
    const b = await associationB(t.app, t.database.db);
    const ids = await importUsers(t.database.db, [
      {
        email: 'elsewhere@seats.test',
        displayName: 'Elsewhere',
        roles: ['candidate'],
        passwordHash: 'not-a-usable-hash',
        associationId: b.associationId,
      },
    ]);
    const candidateId = ids.get('elsewhere@seats.test')!;
    await grantOne(t, candidateId, { associationId: b.associationId });
    const file = [
      AUTHORISATION_CSV_HEADER,
      'elsewhere@seats.test,Eli Elsewhere,IMH-E,mental-health-specialist,,both,APP-1',
    ].join('\n');
    // Answered as any address new to A: to invite, no word of B's authorisation.
    const preview = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: false })).body;
    expect(preview.rows[0]).toMatchObject({ action: 'invite-and-grant', errors: [] });
    const done = (await api.post(AUTHORISATION_IMPORT_URL, { csv: file, commit: true })).body;
    expect(done.rows[0]).toMatchObject({ action: 'invite-and-grant', errors: [] });
    expect(done.committed).toBe(true);
    // B's authorisation is the only one; nothing was attached to B's account by A.
    const rows = await t.database.db
      .select()
      .from(authorisations)
      .where(eq(authorisations.candidateId, candidateId));
    expect(rows.map((r) => r.associationId)).toEqual([b.associationId]);
  });
});
