import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { GradingResponseView } from '@exam/shared/api';
import { attemptParts, enrolments, responses } from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet } from './helpers/grading-fixture.js';
import { useScoringApp } from './helpers/scoring-app.js';

const s = useScoringApp();
const clinicalIds = demoRubrics.clinical.criteria.map((c) => c.id);

describe('blind scoring', () => {
  it('no grader payload carries identity, times or the other reader scores before adjudication', async () => {
    const email = 'candidate@demo.test';
    const { attemptId, candidateId } = s.attempts[email]!;
    const [code] = await s.codesOf(email);
    const payloads: { who: string; body: string }[] = [];
    const record = async (
      who: string,
      cookie: string,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      body?: object,
    ) => {
      const response = await call(s.t.app, cookie, method, url, body);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      payloads.push({ who, body: response.body });
      return response;
    };

    // First reader: everything they can receive, then they submit 1s with a telling comment.
    await record('grader1', s.grader1, 'GET', '/api/grading/queue');
    await record('grader1', s.grader1, 'GET', `/api/grading/queue/${code}`);
    await record(
      'grader1',
      s.grader1,
      'PUT',
      `/api/grading/queue/${code}/draft`,
      sheet(clinicalIds, 2),
    );
    const firstComment = 'FIRST-READER-SECRET-COMMENT';
    await record(
      'grader1',
      s.grader1,
      'POST',
      `/api/grading/queue/${code}/submit`,
      sheet(clinicalIds, 1, { comment: firstComment }),
    );
    await record('grader1', s.grader1, 'GET', '/api/grading/conflicts');
    // Second reader, after the first has submitted: still nothing of the first reading.
    await record('grader2', s.grader2, 'GET', '/api/grading/queue');
    await record('grader2', s.grader2, 'GET', `/api/grading/queue/${code}`);
    await record(
      'grader2',
      s.grader2,
      'POST',
      `/api/grading/queue/${code}/submit`,
      sheet(clinicalIds, 4, { comment: 'SECOND-READER-COMMENT' }),
    );
    // Three levels apart on every criterion: the third reader, who sees both readings.
    expect((await s.itemByCode(code!)).status).toBe('adjudicating');
    await record('grader3', s.grader3, 'GET', '/api/grading/queue');
    const third = await record('grader3', s.grader3, 'GET', `/api/grading/queue/${code}`);

    const [person] = await s.t.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.candidateId, candidateId));
    const [part] = await s.t.database.db
      .select()
      .from(attemptParts)
      .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 2)));
    const stored = await s.t.database.db
      .select()
      .from(responses)
      .where(eq(responses.attemptId, attemptId));
    const forbidden = [
      'Casey Candidate',
      'candidate@demo.test',
      candidateId,
      attemptId,
      person!.id,
      part!.closedAt!.toISOString(),
      ...stored.map((r) => r.updatedAt.toISOString()),
    ];
    for (const { who, body } of payloads) {
      for (const value of forbidden) expect(body, `${who} received ${value}`).not.toContain(value);
      if (who !== 'grader1') {
        const beforeAdjudication = who === 'grader2';
        if (beforeAdjudication) expect(body).not.toContain(firstComment);
      }
    }
    const seen: GradingResponseView = third.json();
    expect(seen.role).toBe('adjudicator');
    expect(seen.otherReadings.map((r) => r.total).sort((a, b) => a - b)).toEqual([3, 12]);
    const low = seen.otherReadings.find((r) => r.total === 3);
    expect(low?.scores[0]?.comment).toContain(firstComment);
    expect(seen.responseHtml).toBe(
      '<p>I would wonder with Dana about what Marcus might be telling her. First.</p>',
    );

    await s.submit(s.grader3, code!, sheet(clinicalIds, [3, 2, 3]));
    const item = await s.itemByCode(code!);
    expect(item.status).toBe('final');
    expect(item.final).toEqual({
      criteria: { [clinicalIds[0]!]: 3, [clinicalIds[1]!]: 2, [clinicalIds[2]!]: 3 },
      total: 8,
      method: 'adjudicated',
    });
  });

  it('a grader opening a response not assigned to them gets 404', async () => {
    const [code] = await s.codesOf('mentor.policy@demo.test');
    for (const [method, url, body] of [
      ['GET', `/api/grading/queue/${code}`, undefined],
      ['PUT', `/api/grading/queue/${code}/draft`, sheet([], 1)],
      ['POST', `/api/grading/queue/${code}/submit`, sheet([], 1)],
    ] as const) {
      const response = await call(s.t.app, s.grader3, method, url, body);
      expect(response.statusCode).toBe(404);
    }
    expect(
      (await call(s.t.app, s.grader1, 'GET', '/api/grading/queue/R-00000000')).statusCode,
    ).toBe(404);
    expect(
      (await call(s.t.app, s.grader1, 'GET', '/api/grading/queue/not-a-code')).statusCode,
    ).toBe(400);
    expect(
      (await call(s.t.app, s.coordinator, 'GET', `/api/grading/queue/${code}`)).statusCode,
    ).toBe(403);
  });

  it('orders each grader queue by a stable pseudo-random order of their own', async () => {
    const first = (await call(s.t.app, s.grader1, 'GET', '/api/grading/queue')).json();
    const again = (await call(s.t.app, s.grader1, 'GET', '/api/grading/queue')).json();
    const other = (await call(s.t.app, s.grader2, 'GET', '/api/grading/queue')).json();
    const codes = (q: { entries: { code: string }[] }) => q.entries.map((e) => e.code);
    expect(codes(again)).toEqual(codes(first));
    expect([...codes(other)].sort()).toEqual([...codes(first)].sort());
    expect(codes(other)).not.toEqual(codes(first));
    expect(first.progress).toEqual({ total: 6, submitted: 1, drafts: 0 });
  });
});
