import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyResultsResponse, SittingReviewResponse } from '@exam/shared/api';
import { auditLog, gradingItems, sittings } from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, sitExam } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

describe('review, release and the candidate result', () => {
  let t: TestApp;
  let coordinator: string;
  let sittingId: string;
  const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
  const policy = demoRubrics.policy.criteria.map((c) => c.id);
  const research = demoRubrics['research-faculty'].criteria.map((c) => c.id);
  const unapprovedFeedback =
    'Feedback for 3 candidate(s) is not approved yet: review it on the feedback page.';

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    const sat = [
      ['candidate@demo.test', 50],
      ['mentor.policy@demo.test', 40],
      ['mentor.research@demo.test', 55],
    ] as const;
    for (const [email, correct] of sat) {
      await sitExam(t.app, t.database.db, email, {
        responses: { 1: 'A considered response.', 2: 'Another considered response.' },
        chosen: [1, 2],
        partOneCorrect: correct,
      });
    }
    const [item] = await t.database.db.select().from(gradingItems).limit(1);
    sittingId = item!.sittingId;
  });
  afterAll(() => t.close());

  async function review(): Promise<SittingReviewResponse> {
    const response = await call(t.app, coordinator, 'GET', `/api/results/sittings/${sittingId}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function mine(email: string): Promise<MyResultsResponse> {
    const cookie = await loginAs(t.app, email);
    const response = await call(t.app, cookie, 'GET', '/api/results/mine');
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function scoreAll(email: string, ids: string[], levels: number[], comment: string) {
    const cookie = await loginAs(t.app, email);
    const queue = (await call(t.app, cookie, 'GET', '/api/grading/queue')).json();
    for (const entry of queue.entries) {
      const view = (await call(t.app, cookie, 'GET', `/api/grading/queue/${entry.code}`)).json();
      const criteria = view.rubric.criteria.map((c: { id: string }) => c.id);
      if (criteria.join() !== ids.join()) continue;
      const response = await call(
        t.app,
        cookie,
        'POST',
        `/api/grading/queue/${entry.code}/submit`,
        sheet(ids, levels, { comment }),
      );
      expect(response.statusCode).toBe(200);
    }
  }

  it('shows "pending" to candidates and refuses release while responses are being scored', async () => {
    expect((await mine('candidate@demo.test')).results).toEqual([
      { status: 'pending', sittingName: 'Demo sitting (practice)', lateChanges: [] },
    ]);
    const refused = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('RESULTS_NOT_READY');
    expect(refused.json().error.details.blockers).toEqual([
      'The sitting is still open: close it on the coordinator console first.',
      '6 response(s) are still with their first readers.',
      unapprovedFeedback,
    ]);
  });

  it('combines both parts, applies the passing rules, and audits every review', async () => {
    await scoreAll('grader1@demo.test', clinical, [3, 3, 3], '=HYPERLINK("http://evil.example")');
    await scoreAll('grader2@demo.test', clinical, [3, 3, 2], 'Reflective and specific');
    await scoreAll('grader1@demo.test', policy, [3, 3, 3], 'Clear plan');
    await scoreAll('grader2@demo.test', policy, [3, 3, 3], 'Workable');
    await scoreAll('grader1@demo.test', research, [2, 2, 2, 2], 'Thin on design');
    await scoreAll('grader2@demo.test', research, [2, 2, 2, 2], 'Needs more on validity');

    const before = await review();
    const outcome = (email: string) => before.candidates.find((c) => c.email === email);
    expect(outcome('candidate@demo.test')).toMatchObject({
      name: 'Casey Candidate',
      variant: 'clinical',
      partOne: { correct: 50, total: 60, cutScore: 48, passed: true },
      partTwo: { outcome: 'passed', required: 2, missing: 0 },
      overall: 'passed',
    });
    expect(outcome('mentor.policy@demo.test')).toMatchObject({
      partOne: { correct: 40, passed: false },
      partTwo: { outcome: 'passed' },
      overall: 'failed',
    });
    // Research/Faculty's suggested rule needs a total of 11: 8 fails Part Two.
    expect(outcome('mentor.research@demo.test')).toMatchObject({
      partOne: { passed: true },
      partTwo: { outcome: 'failed' },
      overall: 'failed',
    });
    expect(outcome('mentor.clinical@demo.test')).toMatchObject({
      overall: 'not-sat',
      partOne: null,
    });
    expect(before.blockers).toEqual([
      'The sitting is still open: close it on the coordinator console first.',
      unapprovedFeedback,
    ]);
    expect(before.distributions[0]!.bins.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(before.distributions[1]!.bins.reduce((n, b) => n + b.count, 0)).toBe(6);
    expect(before.agreement.overall).toMatchObject({ comparisons: 20, exact: 0.9, adjacent: 1 });
    expect(before.agreement.byGrader.map((g) => [g.label, g.meanSeverity])).toEqual([
      ['Gideon Grader', -0.1],
      ['Grace Grader', 0.1],
    ]);
    expect(before.agreement.byPair).toHaveLength(1);

    // The passing rule set with the sitting's policies on the console applies...
    const [row] = await t.database.db.select().from(sittings).where(eq(sittings.id, sittingId));
    await t.database.db
      .update(sittings)
      .set({
        policies: {
          ...row!.policies,
          partTwoPassingRule: {
            'research-faculty': { minLevelPerCriterion: 2, minTotalPerResponse: 8 },
          },
        },
      })
      .where(eq(sittings.id, sittingId));
    const withPolicy = await review();
    expect(withPolicy.rules.passingRules).toEqual({
      'research-faculty': { minLevelPerCriterion: 2, minTotalPerResponse: 8 },
    });
    expect(
      withPolicy.candidates.find((c) => c.email === 'mentor.research@demo.test')?.overall,
    ).toBe('passed');

    // ...until the results page saves rules of its own, which then govern.
    const stricter = await call(
      t.app,
      coordinator,
      'PUT',
      `/api/results/sittings/${sittingId}/rules`,
      {
        tolerancePerCriterion: 1,
        toleranceTotal: 2,
        passingRules: {},
      },
    );
    expect(stricter.statusCode).toBe(200);
    expect(
      (await review()).candidates.find((c) => c.email === 'mentor.research@demo.test')?.overall,
    ).toBe('failed');
    const rules = await call(
      t.app,
      coordinator,
      'PUT',
      `/api/results/sittings/${sittingId}/rules`,
      {
        tolerancePerCriterion: 1,
        toleranceTotal: 2,
        passingRules: { 'research-faculty': { minLevelPerCriterion: 2, minTotalPerResponse: 8 } },
      },
    );
    expect(rules.statusCode).toBe(200);
    const after = await review();
    expect(after.candidates.find((c) => c.email === 'mentor.research@demo.test')).toMatchObject({
      partTwo: { outcome: 'passed' },
      overall: 'passed',
    });
    const reviews = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'results.reviewed'));
    expect(reviews).toHaveLength(4);
  });

  it('exports results and scores as CSV with formula cells escaped, and audits the export', async () => {
    const results = await call(
      t.app,
      coordinator,
      'GET',
      `/api/results/sittings/${sittingId}/results.csv`,
    );
    expect(results.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = Papa.parse<string[]>(results.body, { skipEmptyLines: true }).data;
    expect(rows[0]).toContain('Overall');
    expect(rows.find((r) => r[1] === 'candidate@demo.test')?.at(-1)).toBe('passed');
    const scores = await call(
      t.app,
      coordinator,
      'GET',
      `/api/results/sittings/${sittingId}/scores.csv`,
    );
    const scoreRows = Papa.parse<string[]>(scores.body, { skipEmptyLines: true }).data;
    const evidence = scoreRows.map((r) => r[11] ?? '');
    expect(evidence.some((c) => c.startsWith('\'=HYPERLINK("http://evil.example")'))).toBe(true);
    expect(evidence.some((c) => c.startsWith('='))).toBe(false);
    expect(scoreRows).toHaveLength(1 + 2 * (3 + 3 + 4) * 2);
    const exports = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'results.exported'))
      .orderBy(auditLog.id);
    expect(exports.map((e) => e.details.kind)).toEqual(['results', 'scores']);
  });

  it('releases once, freezing results; the candidate then reads their result by domain with study pointers', async () => {
    // Release is the state machine's last move: the coordinator closes the sitting first.
    const closed = await call(t.app, coordinator, 'POST', `/api/sittings/${sittingId}/transition`, {
      to: 'closed',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    // Graders' comments reach candidates only once a coordinator has approved them.
    expect((await review()).blockers).toEqual([unapprovedFeedback]);
    const feedbackUrl = `/api/results/sittings/${sittingId}/feedback`;
    const { candidates } = (await call(t.app, coordinator, 'GET', feedbackUrl)).json();
    const approvals = candidates.map((c: { candidateId: string; fingerprint: string }) => ({
      candidateId: c.candidateId,
      fingerprint: c.fingerprint,
    }));
    const approved = await call(t.app, coordinator, 'POST', `${feedbackUrl}/approvals`, {
      approvals,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await review()).blockers).toEqual([]);
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode).toBe(200);
    expect(released.json().results).toBe(3);
    const [sitting] = await t.database.db.select().from(sittings).where(eq(sittings.id, sittingId));
    expect(sitting!.status).toBe('released');
    const again = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(again.statusCode).toBe(409);
    const rules = await call(
      t.app,
      coordinator,
      'PUT',
      `/api/results/sittings/${sittingId}/rules`,
      {
        tolerancePerCriterion: 1,
        toleranceTotal: 2,
        passingRules: {},
      },
    );
    expect(rules.statusCode).toBe(409);

    const { results } = await mine('candidate@demo.test');
    expect(results).toHaveLength(1);
    const result = results[0]!;
    if (result.status !== 'released') throw new Error('expected a released result');
    expect(result.passed).toBe(true);
    expect(result.partOne.domains.reduce((n, d) => n + d.total, 0)).toBe(60);
    expect(result.partTwo.responses).toHaveLength(2);
    const thinking = result.partTwo.responses[0]!.criteria[1]!;
    expect(thinking).toMatchObject({ level: 3, levelLabel: 'Proficient', belowExpectation: false });
    const third = result.partTwo.responses[0]!.criteria[2]!;
    expect(third).toMatchObject({
      level: 2.5,
      levelLabel: 'Between Emerging and Proficient',
      belowExpectation: true,
    });
    expect(third.comments).toHaveLength(2);
    // Working with Others was below Proficient: the candidate is pointed to study it.
    expect(result.studyPointers.map((p) => p.domain)).toContain('working-with-others');
    const body = JSON.stringify(results);
    for (const grader of [
      'Grace Grader',
      'Gideon Grader',
      'grader1@demo.test',
      'grader2@demo.test',
    ])
      expect(body).not.toContain(grader);

    // A failing candidate gets the same feedback, with pointers for Part One's weak domains.
    const policy = (await mine('mentor.policy@demo.test')).results[0]!;
    if (policy.status !== 'released') throw new Error('expected a released result');
    expect(policy.passed).toBe(false);
    const weak = policy.partOne.domains.filter((d) => d.belowExpectation).map((d) => d.domain);
    expect(weak.length).toBeGreaterThan(0);
    expect(policy.studyPointers.map((p) => p.domain)).toEqual(expect.arrayContaining(weak));
  });
});
