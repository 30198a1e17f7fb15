import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeOverview } from '@exam/shared/api';
import { auditLog } from '../src/db/schema/index.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';
import { B_ASSOCIATION_ID, seedProgrammeFixture } from './helpers/programme-fixture.js';
import { DEFAULT_ASSOCIATION_ID } from '../src/modules/auth/index.js';

let t: TestApp;
const cookie: Record<string, string> = {};
let fixture: Awaited<ReturnType<typeof seedProgrammeFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-06-01T00:00:00Z'));
  fixture = await seedProgrammeFixture(t.database.db);
  for (const who of ['admin', 'psychometrician', 'coordinator', 'proctor', 'candidate'])
    cookie[who] = await loginAs(t.app, `${who}@demo.test`);
});
afterAll(() => t.close());

const get = (url: string, who: string) =>
  t.app.inject({ method: 'GET', url, headers: { origin: TEST_ORIGIN, cookie: cookie[who]! } });

async function overview(who = 'admin'): Promise<ProgrammeOverview> {
  const response = await get('/api/programme/overview', who);
  expect(response.statusCode).toBe(200);
  return response.json<ProgrammeOverview>();
}

const A = {
  associationId: DEFAULT_ASSOCIATION_ID,
  association: 'Michigan Association for Infant Mental Health',
};
const B = { associationId: B_ASSOCIATION_ID, association: 'Colorado Association' };

describe('programme figures on a fixture of two associations (hand-computed)', () => {
  it('lists every sitting by month in its own time zone, upcoming or past', async () => {
    const { calendar } = await overview();
    const byName = Object.fromEntries(calendar.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['A spring', 'A winter', 'B winter']);
    expect(byName['A winter']).toMatchObject({ ...A, month: '2026-01', upcoming: false });
    expect(byName['A winter']?.sittingId).toBe(fixture.a1);
    expect(byName['B winter']?.sittingId).toBe(fixture.b1);
    expect(byName['A spring']).toMatchObject({ ...A, month: '2099-03', upcoming: true });
    // 03:00 UTC on 1 February is 20:00 on 31 January in Denver.
    expect(byName['B winter']).toMatchObject({ ...B, month: '2026-01', upcoming: false });
  });

  it("counts distinct candidates per cycle by each association's own deadlines and time zone", async () => {
    const { candidatesPerCycle } = await overview();
    // The sittings' cycle texts (2026-Q1, 2099-Q1) decide nothing: each enrolment counts after
    // the association's latest deadline on or before its day. Colorado's deadlines are 15 March
    // and 15 September; Michigan's the programme's four, in Detroit's calendar (the enrolment
    // at 03:00 UTC on 31 January falls on 30 January there, so after 31 October 2025).
    expect(candidatesPerCycle).toEqual([
      { ...B, cycle: '2025-09-15', candidates: 1 },
      { ...B, cycle: '2026-03-15', candidates: 1 },
      { ...A, cycle: '2025-10-31', candidates: 4 },
      { ...A, cycle: '2026-01-31', candidates: 1 },
    ]);
  });

  it('computes pass rates from released results only, per association and endorsement', async () => {
    const { passRates } = await overview();
    expect(passRates).toEqual([
      { ...B, endorsement: 'IECMH-E', released: 1, passed: 1, passRate: 100 },
      { ...B, endorsement: 'IMH-E', released: 1, passed: 1, passRate: 100 },
      // The third A candidate (IECMH-E) has no released result, so no IECMH-E row for A.
      { ...A, endorsement: 'IMH-E', released: 2, passed: 1, passRate: 50 },
    ]);
  });

  it('averages each candidate’s Part One percent correct per domain', async () => {
    const { domainMeans } = await overview();
    const rows = domainMeans.map((d) => [
      d.association,
      d.endorsement,
      d.domain,
      d.candidates,
      d.meanPercent,
    ]);
    expect(rows).toEqual([
      ['Colorado Association', 'IECMH-E', 'reflection', 1, 50], // 2/4
      ['Colorado Association', 'IECMH-E', 'thinking', 1, 60], // 6/10
      ['Colorado Association', 'IMH-E', 'reflection', 1, 100], // 4/4
      ['Colorado Association', 'IMH-E', 'thinking', 1, 90], // 9/10
      ['Michigan Association for Infant Mental Health', 'IMH-E', 'reflection', 2, 50], // (75 + 25) / 2
      ['Michigan Association for Infant Mental Health', 'IMH-E', 'thinking', 2, 65], // (80 + 50) / 2
    ]);
  });

  it('reports grading progress and the median hours from close to final score', async () => {
    const { grading, appeals } = await overview();
    expect(grading).toEqual([
      // finals after 5 h and 8 h: median 6.5; one response with the third reader
      { ...B, responses: 3, scored: 2, awaiting: 1, medianHoursToFinal: 6.5 },
      // finals after 10, 20 and 30 h: median 20; one response still being read
      { ...A, responses: 4, scored: 3, awaiting: 1, medianHoursToFinal: 20 },
    ]);
    // No candidate has appealed in the fixture: every association counts none.
    expect(appeals.count).toBe(0);
    expect(appeals.byAssociation.every((a) => a.count === 0)).toBe(true);
  });

  it('gives psychometricians the same figures', async () => {
    const mine = await overview('psychometrician');
    const admins = await overview('admin');
    expect(mine.passRates).toEqual(admins.passRates);
  });
});

describe('programme exports', () => {
  it('exports one view as CSV and audits it', async () => {
    const response = await get('/api/programme/export.csv?view=pass-rates', 'admin');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.split('\r\n')).toEqual([
      'Association,Endorsement,Released,Passed,Pass rate (%)',
      'Colorado Association,IECMH-E,1,1,100',
      'Colorado Association,IMH-E,1,1,100',
      'Michigan Association for Infant Mental Health,IMH-E,2,1,50',
    ]);
    const entries = await t.database.db.select().from(auditLog);
    expect(entries.some((e) => e.action === 'programme.exported')).toBe(true);
  });

  it('refuses an unknown view', async () => {
    expect((await get('/api/programme/export.csv?view=people', 'admin')).statusCode).toBe(400);
  });

  it('exports every view as an XLSX workbook', async () => {
    const response = await get('/api/programme/export.xlsx', 'psychometrician');
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Sittings calendar',
      'Candidates per cycle',
      'Pass rates',
      'Part One domain means',
      'Grading',
      'Appeals',
    ]);
    const grading = book.getWorksheet('Grading')!;
    expect(grading.getRow(2).values).toEqual([undefined, 'Colorado Association', 3, 2, 1, 6.5]);
  });
});

describe('programme views are for programme roles only', () => {
  for (const who of ['coordinator', 'proctor', 'candidate'])
    it(`refuses a ${who} every programme route`, async () => {
      for (const url of [
        '/api/programme/overview',
        '/api/programme/export.csv?view=calendar',
        '/api/programme/export.xlsx',
      ])
        expect((await get(url, who)).statusCode).toBe(403);
    });
});
