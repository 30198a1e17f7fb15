import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSafeCsv } from '../src/lib/csv.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

describe('CSV cells against formula injection', () => {
  it('prefixes a single quote to cells a spreadsheet would run, and only those', () => {
    const dangerous = [
      '=1+1',
      '+SUM(A1)',
      '-2+3',
      '@cmd',
      '\tTAB',
      '\rCR',
      '=HYPERLINK("x")\nmore',
    ];
    const safe = ['Casey', 'a,b', 'say "hi"', '', 'mid=dle', '3-2'];
    const csv = toSafeCsv(
      ['value'],
      [...dangerous, ...safe].map((v) => [v]),
    );
    const cells = Papa.parse<string[]>(csv)
      .data.slice(1)
      .map((row) => row[0]);
    expect(cells).toEqual([...dangerous.map((v) => `'${v}`), ...safe]);
    expect(csv.split('\r\n')[0]).toBe('value');
  });
});

describe('roster and attempt-status exports', () => {
  let t: TestApp;
  let api: ReturnType<typeof apiAs>;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await loginAs(t.app, 'coordinator@demo.test');
    api = apiAs(t.app, cookie);
  });
  afterAll(() => t.close());

  async function download(url: string) {
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie, origin: TEST_ORIGIN },
    });
    return { response, rows: Papa.parse<string[]>(response.body).data };
  }

  it('exports the roster with hostile names escaped', async () => {
    const sittingId = (await api.post('/api/sittings', sittingInput({ name: 'Export test' }))).body
      .sitting.id;
    await api.post(`/api/sittings/${sittingId}/enrolments`, {
      candidate: { kind: 'new', email: 'hostile@demo.test', displayName: '=HYPERLINK("http://x")' },
      endorsement: 'IMH-E',
      category: 'mental-health-specialist',
      track: null,
      examEndorsement: null,
    });
    const { response, rows } = await download(`/api/sittings/${sittingId}/exports/roster.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="export-test-roster.csv"',
    );
    expect(rows[0]).toEqual([
      'name',
      'email',
      'endorsement',
      'exam_endorsement',
      'category',
      'track',
      'variant',
      'admitted',
      'accommodations',
    ]);
    expect(rows[1]).toEqual([
      `'=HYPERLINK("http://x")`,
      'hostile@demo.test',
      'IMH-E',
      'IMH-E',
      'mental-health-specialist',
      '',
      'clinical',
      'no',
      '',
    ]);
  });

  it('exports where each attempt stands', async () => {
    const demo = (await api.get('/api/sittings')).body.sittings.find(
      (s: { status: string }) => s.status === 'open',
    );
    const people = (await api.get('/api/candidates')).body.candidates as {
      id: string;
      email: string;
    }[];
    const casey = people.find((p) => p.email === 'candidate@demo.test')!;
    const context = await t.app.exam.delivery.openForCandidate(casey.id);
    await t.app.exam.delivery.startPart(context, 1, casey.id);

    const { rows } = await download(`/api/sittings/${demo.id}/exports/attempts.csv`);
    const header = rows[0]!;
    const byEmail = new Map(rows.slice(1).map((r) => [r[1], r]));
    const cell = (email: string, column: string) => byEmail.get(email)?.[header.indexOf(column)];
    expect(header.slice(0, 7)).toEqual([
      'name',
      'email',
      'exam_endorsement',
      'variant',
      'admitted',
      'answered_part1',
      'part1_status',
    ]);
    expect(cell('candidate@demo.test', 'part1_status')).toBe('in progress');
    expect(cell('candidate@demo.test', 'part1_started_at')).toBe(t.clock.now().toISOString());
    expect(cell('candidate@demo.test', 'part2_status')).toBe('not started');
    expect(cell('mentor.policy@demo.test', 'part1_status')).toBe('no attempt');
    expect(cell('mentor.policy@demo.test', 'admitted')).toBe('yes');
  });

  it('answers 404 for an unknown sitting and refuses other roles', async () => {
    const missing = await download(
      '/api/sittings/00000000-0000-4000-8000-000000000000/exports/roster.csv',
    );
    expect(missing.response.statusCode).toBe(404);
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/sittings/00000000-0000-4000-8000-000000000000/exports/roster.csv',
      headers: { cookie: proctor },
    });
    expect(refused.statusCode).toBe(403);
  });
});
