import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import type { GradingResponseView } from '@exam/shared/api';
import { gradingItems } from '../../src/db/schema/index.js';
import { call, sitExam } from './grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './test-app.js';

/**
 * A test file's app where Casey, Morgan (Policy) and Riley (Research/Faculty) have each
 * submitted two responses, routed to grader1 and grader2 (grader3 adjudicates), with signed-in
 * cookies and helpers. Registers its own beforeAll and afterAll.
 */
export function useScoringApp() {
  const s = {
    t: undefined as unknown as TestApp,
    grader1: '',
    grader2: '',
    grader3: '',
    coordinator: '',
    /** The programme's administrator, who alone edits rubrics. */
    admin: '',
    attempts: {} as Record<string, { attemptId: string; candidateId: string }>,

    async codesOf(email: string): Promise<string[]> {
      const rows = await s.t.database.db
        .select({ code: gradingItems.code })
        .from(gradingItems)
        .where(eq(gradingItems.attemptId, s.attempts[email]!.attemptId))
        .orderBy(gradingItems.vignette);
      return rows.map((r) => r.code);
    },

    async view(cookie: string, code: string): Promise<GradingResponseView> {
      const response = await call(s.t.app, cookie, 'GET', `/api/grading/queue/${code}`);
      expect(response.statusCode).toBe(200);
      return response.json();
    },

    async submit(cookie: string, code: string, body: object, expected = 200) {
      const url = `/api/grading/queue/${code}/submit`;
      const response = await call(s.t.app, cookie, 'POST', url, body);
      expect(response.statusCode, response.body).toBe(expected);
      return response;
    },

    async itemByCode(code: string) {
      const [row] = await s.t.database.db
        .select()
        .from(gradingItems)
        .where(eq(gradingItems.code, code));
      return row!;
    },
  };

  beforeAll(async () => {
    s.t = await createTestApp();
    for (const [email, text] of [
      ['candidate@demo.test', 'I would wonder with Dana about what Marcus might be telling her.'],
      [
        'mentor.policy@demo.test',
        'The contract should fund reflective supervision for every team.',
      ],
      ['mentor.research@demo.test', 'A stepped-wedge design would let every site take part.'],
    ] as const) {
      s.attempts[email] = await sitExam(s.t.app, s.t.database.db, email, {
        responses: { 1: `${text} First.`, 2: `${text} Second.` },
        chosen: [1, 2],
      });
    }
    s.grader1 = await loginAs(s.t.app, 'grader1@demo.test');
    s.grader2 = await loginAs(s.t.app, 'grader2@demo.test');
    s.grader3 = await loginAs(s.t.app, 'grader3@demo.test');
    s.coordinator = await loginAs(s.t.app, 'coordinator@demo.test');
    s.admin = await loginAs(s.t.app, 'admin@demo.test');
  });
  afterAll(() => s.t.close());
  return s;
}
