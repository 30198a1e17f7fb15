import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MyResultsResponse,
  StudyPointerContent,
  StudyPointersResponse,
} from '@exam/shared/api';
import { competencyDomains } from '@exam/shared/domain';
import { auditLog } from '../src/db/schema/index.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Issue 13 item 2: study pointers are product content in the database (shipped by a migration),
 * edited per domain by coordinators, audited, and read live by candidates' released results.
 */
describe('study pointers', () => {
  let t: TestApp;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    editor = await loginAs(t.app, 'admin@demo.test');
  });
  afterAll(() => t.close());

  async function list(): Promise<StudyPointersResponse> {
    const response = await call(t.app, editor, 'GET', '/api/study-pointers');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  const edit = (domain: string, body: unknown, cookie = editor) =>
    call(t.app, cookie, 'PUT', `/api/study-pointers/${domain}`, body);

  async function auditRows(domain: string) {
    return t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'study_pointer'), eq(auditLog.subjectId, domain)));
  }

  it('ships one pointer per competency domain, in the product order', async () => {
    const { pointers } = await list();
    expect(pointers.map((p) => p.domain)).toEqual([...competencyDomains]);
    for (const pointer of pointers) {
      expect(pointer.label.length).toBeGreaterThan(0);
      expect(pointer.summary.length).toBeGreaterThan(0);
      expect(pointer.readAbout.length).toBeGreaterThanOrEqual(2);
      expect(pointer.practise.length).toBeGreaterThanOrEqual(1);
    }
    // The text that used to live in seed/content arrived intact, apostrophes and all.
    const research = pointers.find((p) => p.domain === 'research-evaluation')!;
    expect(research.practise[0]).toBe(
      "Summarize one recent study's question, design, sample, findings and limitations in five sentences.",
    );
  });

  it('refuses candidates, graders and proctors, and anonymous callers', async () => {
    for (const email of ['candidate@demo.test', 'grader1@demo.test', 'proctor@demo.test']) {
      const cookie = await loginAs(t.app, email);
      expect((await call(t.app, cookie, 'GET', '/api/study-pointers')).statusCode).toBe(403);
      const put = await edit('thinking', { summary: 'x', readAbout: ['y'], practise: [] }, cookie);
      expect(put.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/study-pointers' })).statusCode).toBe(
      401,
    );
    expect(await auditRows('thinking')).toHaveLength(0);
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = (await list()).pointers.find((p) => p.domain === 'reflection')!;
    const valid: StudyPointerContent = { summary: 'S', readAbout: ['R'], practise: [] };
    const bad: [string, unknown][] = [
      ['reflection', { ...valid, summary: '   ' }],
      ['reflection', { ...valid, summary: 'x'.repeat(1001) }],
      ['reflection', { ...valid, readAbout: [] }],
      ['reflection', { ...valid, readAbout: Array.from({ length: 13 }, (_, i) => `R${i}`) }],
      ['reflection', { ...valid, readAbout: ['ok', ''] }],
      ['reflection', { ...valid, practise: ['y'.repeat(401)] }],
      ['reflection', { ...valid, practise: Array.from({ length: 13 }, (_, i) => `P${i}`) }],
      ['reflection', { ...valid, extra: true }],
      ['reflection', { summary: 'S', readAbout: 'R', practise: [] }],
    ];
    for (const [domain, body] of bad) {
      const response = await edit(domain, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const unknown = await edit('astrology', valid);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const after = (await list()).pointers.find((p) => p.domain === 'reflection')!;
    expect(after).toEqual(before);
    expect(await auditRows('reflection')).toHaveLength(0);
  });

  it('saves an edit (trimmed, readings in the given order) and audits before and after', async () => {
    const before = (await list()).pointers.find((p) => p.domain === 'working-with-others')!;
    t.clock.advance(60_000);
    const content = {
      summary: '  Partner with families first.  ',
      readAbout: ['Second reading, now first', 'A new reading', before.readAbout[0]!],
      practise: ['Ask the family what they want.'],
    };
    const response = await edit('working-with-others', content);
    expect(response.statusCode, response.body).toBe(200);
    const expected = { ...content, summary: 'Partner with families first.' };
    expect(response.json().pointer).toMatchObject({ domain: 'working-with-others', ...expected });
    expect(response.json().pointer.updatedAt).toBe(t.clock.now().toISOString());
    const listed = (await list()).pointers.find((p) => p.domain === 'working-with-others')!;
    expect(listed).toMatchObject(expected);

    const rows = await auditRows('working-with-others');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe('study_pointers.updated');
    expect(rows[0]!.details).toEqual({
      before: {
        summary: before.summary,
        readAbout: before.readAbout,
        practise: before.practise,
      },
      after: expected,
    });

    // Saving the same text again is not a change: nothing more is audited.
    expect((await edit('working-with-others', expected)).statusCode).toBe(200);
    expect(await auditRows('working-with-others')).toHaveLength(1);
  });

  it("shows the edited text on a candidate's released results", async () => {
    const { sittingId } = await releasableSitting(t, editor);
    const released = await call(
      t.app,
      editor,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    const candidate = await loginAs(t.app, 'candidate@demo.test');
    const mine = async () => {
      const response = await call(t.app, candidate, 'GET', '/api/results/mine');
      expect(response.statusCode).toBe(200);
      const result = (response.json() as MyResultsResponse).results[0]!;
      if (result.status !== 'released') throw new Error('expected a released result');
      return result;
    };
    const first = await mine();
    expect(first.studyPointers.length).toBeGreaterThan(0);
    const shown = first.studyPointers[0]!;
    const stored = (await list()).pointers.find((p) => p.domain === shown.domain)!;
    expect(shown).toEqual({
      domain: stored.domain,
      label: stored.label,
      summary: stored.summary,
      readAbout: stored.readAbout,
      practise: stored.practise,
    });

    // An edit after release reaches the released result: pointers are read live.
    const content = {
      summary: 'Corrected after release.',
      readAbout: ['A corrected reading'],
      practise: [],
    };
    expect((await edit(shown.domain, content)).statusCode).toBe(200);
    const second = (await mine()).studyPointers.find((p) => p.domain === shown.domain)!;
    expect(second).toEqual({ domain: shown.domain, label: shown.label, ...content });
  });
});
