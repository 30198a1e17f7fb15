import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { attempts, auditLog, authorisations, bookings } from '../src/db/schema/index.js';
import { importUsers } from '../src/modules/auth/index.js';
import { associationB } from './helpers/association-b.js';
import {
  authorise,
  bookableSitting,
  candidatesOfA,
  DAY,
  grantOne,
  scopeA,
} from './helpers/booking-fixture.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const url = '/api/bookings/authorisations/import';
const header = 'email,name,exam_endorsement,category,track,parts,reference';

interface ReportRow {
  line: number;
  email: string;
  action: string | null;
  errors: string[];
}

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

  const held = async (emails: string[]) => {
    const { users } = await import('../src/db/schema/index.js');
    const ids = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.email, emails));
    return t.database.db
      .select()
      .from(authorisations)
      .where(
        inArray(
          authorisations.candidateId,
          ids.map((u) => u.id),
        ),
      );
  };

  /** The exam starts on a booked seat (an attempt on its enrolment): the authorisation is spent. */
  const startExamOnSeat = async (candidateId: string, bookingId: string) => {
    const [booking] = await t.database.db
      .select({ enrolmentId: bookings.enrolmentId })
      .from(bookings)
      .where(eq(bookings.id, bookingId));
    await t.database.db.insert(attempts).values({
      enrolmentId: booking!.enrolmentId!,
      candidateId,
      formId: randomUUID(),
      optionSeed: 1,
      createdAt: t.clock.now(),
    });
  };

  it('grants nothing on a second import of the same file, and says which rows', async () => {
    await candidatesOfA(t, 'again', 2);
    const file = [
      header,
      'again0@seats.test,,IMH-E,mental-health-specialist,,both,APP-1',
      'again1@seats.test,,ECMH-E,mental-health-mentor,policy,2,APP-2',
      'fresh@seats.test,Fay Fresh,IMH-E,mental-health-specialist,,1,APP-3',
    ].join('\n');
    const first = (await api.post(url, { csv: file, commit: true })).body;
    expect(first.committed).toBe(true);
    const emails = ['again0@seats.test', 'again1@seats.test', 'fresh@seats.test'];
    expect(await held(emails)).toHaveLength(3);

    for (const commit of [false, true]) {
      const again = (await api.post(url, { csv: file, commit })).body;
      expect(again.committed).toBe(false);
      expect(again.validCount).toBe(0);
      expect(again.errorCount).toBe(3);
      // The applicant invited the first time is now a candidate of the association.
      expect(again.invited).toEqual([]);
      for (const row of again.rows as ReportRow[]) {
        expect(row.action).toBeNull();
        expect(row.errors).toEqual([
          expect.stringMatching(
            /^Already authorised: the candidate holds this authorisation until \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
          ),
        ]);
      }
      expect((again.rows as ReportRow[]).map((r) => r.line)).toEqual([2, 3, 4]);
    }
    expect(await held(emails)).toHaveLength(3);

    // Another effect for the same person (part 1 alone, or the other endorsement) is new.
    const other = [
      header,
      'again0@seats.test,,IMH-E,mental-health-specialist,,1,APP-4',
      'again1@seats.test,,IMH-E,mental-health-mentor,policy,2,APP-5',
    ].join('\n');
    const next = (await api.post(url, { csv: other, commit: true })).body;
    expect(next.errorCount).toBe(0);
    expect(next.committed).toBe(true);
    expect(await held(emails)).toHaveLength(5);
  });

  it('refuses a file with a repeated row, naming the line it repeats', async () => {
    await candidatesOfA(t, 'twice', 2);
    const file = [
      header,
      'twice0@seats.test,,IMH-E,mental-health-specialist,,both,APP-1',
      'twice1@seats.test,,IMH-E,mental-health-specialist,,1,APP-2',
      // The same approval again, the address in capitals and another reference: still a repeat.
      'TWICE0@seats.test,,IMH-E,Mental health specialist,,1;2,APP-1b',
      'newcomer@seats.test,Nia New,IMH-E,mental-health-specialist,,2,APP-3',
      'newcomer@seats.test,Nia New,IMH-E,mental-health-specialist,,2,APP-3',
      // The same person for another part is not a repeat.
      'twice1@seats.test,,IMH-E,mental-health-specialist,,2,APP-4',
    ].join('\n');
    const report = (await api.post(url, { csv: file, commit: true })).body;
    expect(report.committed).toBe(false);
    const rows = report.rows as ReportRow[];
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
    expect(await held(['twice0@seats.test', 'twice1@seats.test', 'newcomer@seats.test'])).toEqual(
      [],
    );
  });

  // On PostgreSQL (TEST_DATABASE_URL) the two transactions overlap; PGlite runs them in turn.
  it('grants once when the same file is imported twice at the same moment', async () => {
    await candidatesOfA(t, 'race', 1);
    const file = [
      header,
      'race0@seats.test,,IMH-E,mental-health-specialist,,both,APP-1',
      'racer@seats.test,Rae Racer,IMH-E,mental-health-specialist,,1,APP-2',
    ].join('\n');
    const both = await Promise.all([
      api.post(url, { csv: file, commit: true }),
      api.post(url, { csv: file, commit: true }),
    ]);
    expect(both.map((r) => r.body.committed).sort()).toEqual([false, true]);
    const refused = both.find((r) => !r.body.committed)!.body;
    expect(refused.rows.map((r: ReportRow) => r.errors[0])).toEqual([
      expect.stringMatching(/^Already authorised/),
      expect.stringMatching(/^Already authorised/),
    ]);
    expect(await held(['race0@seats.test', 'racer@seats.test'])).toHaveLength(2);
  });

  it('grants again once the earlier authorisation has lapsed', async () => {
    const [lapsed] = await candidatesOfA(t, 'lapsed', 1);
    const now = t.clock.now().getTime();
    await grantOne(t, lapsed!.id, {
      validFrom: new Date(now - 400 * DAY),
      expiresAt: new Date(now - DAY),
    });
    const file = [header, 'lapsed0@seats.test,,IMH-E,mental-health-specialist,,both,APP-9'].join(
      '\n',
    );
    const report = (await api.post(url, { csv: file, commit: true })).body;
    expect(report.rows[0].errors).toEqual([]);
    expect(report.committed).toBe(true);
    expect(await held(['lapsed0@seats.test'])).toHaveLength(2);
  });

  it('grants again once the candidate has sat on the earlier one, not while it is only booked', async () => {
    const { sittingId } = await bookableSitting(t, 5, 'Sat-on sitting');
    const [sat] = await candidatesOfA(t, 'saton', 1);
    const [earlier] = await authorise(t, [sat!.id]);
    const booked = await t.app.bookings.seats.book(sat!, scopeA, sittingId, earlier!);
    const file = [header, 'saton0@seats.test,,IMH-E,mental-health-specialist,,both,APP-10'].join(
      '\n',
    );
    // Booked but not sat: the approval is still the one the candidate holds.
    const whileBooked = (await api.post(url, { csv: file, commit: false })).body;
    expect(whileBooked.rows[0].errors).toEqual([expect.stringMatching(/^Already authorised/)]);
    // The exam started on that seat: the authorisation is spent, a new approval is granted.
    await startExamOnSeat(sat!.id, booked.bookingId);
    const afterSitting = (await api.post(url, { csv: file, commit: true })).body;
    expect(afterSitting.rows[0].errors).toEqual([]);
    expect(afterSitting.committed).toBe(true);
    expect(await held(['saton0@seats.test'])).toHaveLength(2);
  });

  describe('by hand, one at a time', () => {
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
      const before = { held: (await held([email])).length, grants: await grants() };
      // The same approval again, its parts in another order and another reference: a repeat.
      const again = await entry(email, { parts: [2, 1], reference: 'APP-21' });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({
        code: 'ALREADY_EXISTS',
        message: expect.stringMatching(
          /^Already authorised: the candidate holds this authorisation until \d{4}-\d\d-\d\d \d\d:\d\d UTC; extend it/,
        ),
      });
      expect({ held: (await held([email])).length, grants: await grants() }).toEqual(before);
      // Part One alone, or another category, is another authorisation.
      expect((await entry(email, { parts: [1] })).status).toBe(201);
      expect(
        (await entry(email, { category: 'mental-health-mentor', track: 'policy' })).status,
      ).toBe(201);
      expect(await held([email])).toHaveLength(3);
    });

    it('and the import and the entry refuse each other’s repeats', async () => {
      await candidatesOfA(t, 'crossed', 2);
      expect((await entry('crossed0@seats.test')).status).toBe(201);
      const file = [
        header,
        'crossed0@seats.test,,IMH-E,mental-health-specialist,,both,APP-30',
        'crossed1@seats.test,,IMH-E,mental-health-specialist,,both,APP-31',
      ].join('\n');
      const report = (await api.post(url, { csv: file, commit: true })).body;
      expect(report.committed).toBe(false);
      expect((report.rows as ReportRow[]).map((r) => r.errors)).toEqual([
        [expect.stringMatching(/^Already authorised: .*; nothing to import\.$/)],
        [],
      ]);
      const imported = (
        await api.post(url, { csv: [header, file.split('\n')[2]].join('\n'), commit: true })
      ).body;
      expect(imported.committed).toBe(true);
      expect((await entry('crossed1@seats.test')).status).toBe(409);
      expect(await held(['crossed0@seats.test', 'crossed1@seats.test'])).toHaveLength(2);
    });

    it('grants again once the earlier one is spent (sat on)', async () => {
      const { sittingId } = await bookableSitting(t, 5, 'Sat-on by hand sitting');
      const [sat] = await candidatesOfA(t, 'handsat', 1);
      const email = 'handsat0@seats.test';
      const first = await entry(email);
      expect(first.status).toBe(201);
      const booked = await t.app.bookings.seats.book(sat!, scopeA, sittingId, first.body.id);
      expect((await entry(email)).status).toBe(409);
      await startExamOnSeat(sat!.id, booked.bookingId);
      const after = await entry(email);
      expect(after.status, JSON.stringify(after.body)).toBe(201);
      expect(await held([email])).toHaveLength(2);
    });

    // On PostgreSQL (TEST_DATABASE_URL) the two transactions overlap; PGlite runs them in turn.
    it('grants once when the same entry is sent twice at the same moment', async () => {
      await candidatesOfA(t, 'handrace', 1);
      const email = 'handrace0@seats.test';
      const both = await Promise.all([entry(email), entry(email)]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await held([email])).toHaveLength(1);
    });
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
      header,
      'elsewhere@seats.test,Eli Elsewhere,IMH-E,mental-health-specialist,,both,APP-1',
    ].join('\n');
    // Answered as any address new to A: to invite, no word of B's authorisation.
    const preview = (await api.post(url, { csv: file, commit: false })).body;
    expect(preview.rows[0]).toMatchObject({ action: 'invite-and-grant', errors: [] });
    const done = (await api.post(url, { csv: file, commit: true })).body;
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
