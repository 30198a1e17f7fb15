import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FeedbackCandidate,
  FeedbackReviewResponse,
  MyResultsResponse,
} from '@exam/shared/api';
import {
  auditLog,
  feedbackApprovals,
  feedbackEdits,
  gradingAssignments,
  gradingItems,
} from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import {
  commentBy,
  feedbackRoutes,
  submitAll as submitScores,
  unapprovedBlocker,
} from './helpers/feedback-fixture.js';
import { call, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Graders' comments reach candidates only as a coordinator approved them: reviewed as the
 * candidate will read them, edited (the grader's text kept, the edit audited), approved per
 * candidate, and release refused until every approval still matches the feedback.
 */
describe('feedback review before release', () => {
  let t: TestApp;
  let coordinator: string;
  let sittingId: string;
  let caseyId: string;
  const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
  const policy = demoRubrics.policy.criteria.map((c) => c.id);
  const unapproved = unapprovedBlocker;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    for (const email of ['candidate@demo.test', 'mentor.policy@demo.test'])
      await sitExam(t.app, t.database.db, email, {
        responses: { 1: 'A considered response.', 2: 'Another considered response.' },
        chosen: [1, 2],
        partOneCorrect: 55,
      });
    const [item] = await t.database.db.select().from(gradingItems).limit(1);
    sittingId = item!.sittingId;
    caseyId = await userIdOf(t.database.db, 'candidate@demo.test');
  });
  afterAll(() => t.close());

  const {
    url: feedbackUrl,
    review,
    edit,
    approve,
    release,
  } = feedbackRoutes(() => ({
    t,
    coordinator,
    sittingId,
  }));
  const casey = async (): Promise<FeedbackCandidate> =>
    (await review()).candidates.find((c) => c.candidateId === caseyId)!;
  const submitAll = (email: string, ids: string[], level: number, comment: string) =>
    submitScores(t, email, ids, level, comment);

  async function counts() {
    const [audits] = await t.database.db.select({ n: count() }).from(auditLog);
    const [edits] = await t.database.db.select({ n: count() }).from(feedbackEdits);
    const [approvals] = await t.database.db.select({ n: count() }).from(feedbackApprovals);
    return { audits: audits!.n, edits: edits!.n, approvals: approvals!.n };
  }

  it('admits coordinators and admins only: a grader or a candidate can neither read, edit nor approve', async () => {
    const someone = '00000000-0000-4000-8000-000000000000';
    for (const email of ['grader1@demo.test', 'candidate@demo.test']) {
      const cookie = await loginAs(t.app, email);
      expect((await call(t.app, cookie, 'GET', feedbackUrl())).statusCode).toBe(403);
      const edited = await edit({ assignmentId: someone, criterionId: 'x', text: 'y' }, cookie);
      expect(edited.statusCode).toBe(403);
      const approved = await call(t.app, cookie, 'POST', `${feedbackUrl()}/approvals`, {
        approvals: [{ candidateId: someone, fingerprint: 'a'.repeat(64) }],
      });
      expect(approved.statusCode).toBe(403);
    }
    const admin = await loginAs(t.app, 'admin@demo.test');
    expect((await call(t.app, admin, 'GET', feedbackUrl())).statusCode).toBe(200);
    const looks = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'results.feedback_reviewed'));
    expect(looks).toHaveLength(1);
  });

  it('has nothing to approve or edit while responses are being scored', async () => {
    const { candidates } = await review();
    expect(candidates.map((c) => [c.email, c.state, c.responses.length])).toEqual([
      ['candidate@demo.test', 'scoring', 0],
      ['mentor.policy@demo.test', 'scoring', 0],
    ]);
    const before = await counts();
    const refused = await approve([{ candidateId: caseyId, fingerprint: 'a'.repeat(64) }]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('FEEDBACK_NOT_FINAL');
    const [reading] = await t.database.db.select().from(gradingAssignments).limit(1);
    const early = await edit({ assignmentId: reading!.id, criterionId: clinical[0], text: 'x' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('FEEDBACK_NOT_FINAL');
    expect(await counts()).toEqual(before);
  });

  it('shows each comment as the candidate will read it, and release is refused naming how many are unapproved', async () => {
    await submitAll('grader1@demo.test', clinical, 3, 'Warm and specific');
    await submitAll('grader2@demo.test', clinical, 3, 'Grounded in the vignette');
    await submitAll('grader1@demo.test', policy, 3, 'Clear plan');
    await submitAll('grader2@demo.test', policy, 3, 'Workable');
    const { candidates } = await review();
    expect(candidates.map((c) => c.state)).toEqual(['unapproved', 'unapproved']);
    const first = candidates[0]!.responses[0]!.criteria[0]!;
    expect(first.comments.map((c) => [c.text, c.edited]).sort()).toEqual([
      [`Grounded in the vignette (${clinical[0]})`, false],
      [`Warm and specific (${clinical[0]})`, false],
    ]);

    const closed = await call(t.app, coordinator, 'POST', `/api/sittings/${sittingId}/transition`, {
      to: 'closed',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const refused = await release();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('RESULTS_NOT_READY');
    expect(refused.json().error.message).toBe(unapproved(2));
    const reviewed = await call(t.app, coordinator, 'GET', `/api/results/sittings/${sittingId}`);
    expect(reviewed.json().blockers).toEqual([unapproved(2)]);
  });

  it('an edit changes what the candidate will read; the grader’s text stays stored and the audit keeps before and after', async () => {
    const comment = commentBy((await casey()).responses[0]!.criteria[0]!, 'Warm')!;
    const before = await counts();
    // Bad input changes nothing.
    const bad = [
      [{ assignmentId: sittingId, criterionId: clinical[0], text: 'x' }, 404],
      [{ assignmentId: comment.assignmentId, criterionId: 'no-such', text: 'x' }, 404],
      [
        { assignmentId: comment.assignmentId, criterionId: clinical[0], text: 'x'.repeat(4001) },
        400,
      ],
      [{ assignmentId: comment.assignmentId, criterionId: clinical[0], text: 'x', by: 'me' }, 400],
    ] as const;
    for (const [body, status] of bad) expect((await edit(body)).statusCode).toBe(status);
    expect(await counts()).toEqual(before);

    const edited = await edit({
      assignmentId: comment.assignmentId,
      criterionId: clinical[0],
      text: '  Warm, specific and kind.  ',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const { candidates } = edited.json() as FeedbackReviewResponse;
    const shown = candidates[0]!.responses[0]!.criteria[0]!.comments.find(
      (c) => c.assignmentId === comment.assignmentId,
    );
    expect(shown).toMatchObject({
      text: 'Warm, specific and kind.',
      original: comment.original,
      edited: true,
    });
    const [reading] = await t.database.db
      .select()
      .from(gradingAssignments)
      .where(eq(gradingAssignments.id, comment.assignmentId));
    expect(reading!.scores[clinical[0]!]!.comment).toBe(comment.original);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'results.feedback_edited'));
    expect(entry!.details).toMatchObject({
      original: comment.original,
      before: comment.original,
      after: 'Warm, specific and kind.',
      criterionId: clinical[0],
    });
    expect(entry!.actorId).toBe(await userIdOf(t.database.db, 'coordinator@demo.test'));
  });

  it('approves exactly what was shown, and a later edit voids the approval', async () => {
    const shown = await casey();
    const before = await counts();
    const wrong = await approve([{ candidateId: caseyId, fingerprint: 'b'.repeat(64) }]);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('FEEDBACK_CHANGED');
    expect(await counts()).toEqual(before);

    const ok = await approve([{ candidateId: caseyId, fingerprint: shown.fingerprint }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await casey()).state).toBe('approved');
    expect((await release()).json().error.message).toBe(unapproved(1));

    const second = commentBy(shown.responses[0]!.criteria[1]!, 'Grounded')!;
    const edited = await edit({
      assignmentId: second.assignmentId,
      criterionId: clinical[1],
      text: 'Grounded; say more about the father.',
    });
    expect(edited.statusCode).toBe(200);
    expect((await casey()).state).toBe('changed');
    expect((await release()).json().error.message).toBe(unapproved(2));
  });

  it('a reopened score voids the approval, even when re-scored the same', async () => {
    const all = (await review()).candidates;
    const approved = await approve(
      all.map((c) => ({ candidateId: c.candidateId, fingerprint: c.fingerprint })),
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await review()).candidates.map((c) => c.state)).toEqual(['approved', 'approved']);
    const reviewed = await call(t.app, coordinator, 'GET', `/api/results/sittings/${sittingId}`);
    expect(reviewed.json().blockers).toEqual([]);

    // Reopen the second reader's reading of Casey's first response; it is re-scored identically.
    const code = (await casey()).responses[0]!.code;
    const gideon = await userIdOf(t.database.db, 'grader2@demo.test');
    const reopened = await call(t.app, coordinator, 'POST', `/api/grading/items/${code}/reopen`, {
      graderId: gideon,
      reason: 'Check the third criterion',
    });
    expect(reopened.statusCode).toBe(204);
    expect((await casey()).state).toBe('scoring');
    expect((await release()).json().error.details.blockers).toContain(unapproved(1));
    t.clock.advance(60_000);
    await submitAll('grader2@demo.test', clinical, 3, 'Grounded in the vignette');
    expect((await casey()).state).toBe('changed');

    // The first reader's reading is reopened and its edited comment rewritten: the stale edit no
    // longer hides the grader's new text, which is what the coordinator now reviews.
    const grace = await userIdOf(t.database.db, 'grader1@demo.test');
    await call(t.app, coordinator, 'POST', `/api/grading/items/${code}/reopen`, {
      graderId: grace,
      reason: 'Rewrite the evidence',
    });
    await submitAll('grader1@demo.test', clinical, 3, 'Rewritten evidence');
    const first = commentBy((await casey()).responses[0]!.criteria[0]!, 'Rewritten');
    expect(first).toMatchObject({ text: `Rewritten evidence (${clinical[0]})`, edited: false });
    expect((await casey()).state).toBe('changed');
  });

  it('release freezes the approved text: the candidate reads the edit, never the grader’s original', async () => {
    const now = await casey();
    expect(
      (await approve([{ candidateId: caseyId, fingerprint: now.fingerprint }])).statusCode,
    ).toBe(200);
    const released = await release();
    expect(released.statusCode, released.body).toBe(200);

    const cookie = await loginAs(t.app, 'candidate@demo.test');
    const mine: MyResultsResponse = (await call(t.app, cookie, 'GET', '/api/results/mine')).json();
    const result = mine.results[0]!;
    if (result.status !== 'released') throw new Error('expected a released result');
    const criteria = result.partTwo.responses[0]!.criteria;
    expect([...criteria[1]!.comments].sort()).toEqual([
      'Grounded; say more about the father.',
      `Rewritten evidence (${clinical[1]})`,
    ]);
    expect(JSON.stringify(result.partTwo.responses[0])).not.toContain(
      `Grounded in the vignette (${clinical[1]})`,
    );

    const after = await counts();
    const comment = commentBy(now.responses[0]!.criteria[0]!, 'Rewritten')!;
    const late = await edit({
      assignmentId: comment.assignmentId,
      criterionId: clinical[0],
      text: 'x',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ALREADY_RELEASED');
    const lateApproval = await approve([{ candidateId: caseyId, fingerprint: now.fingerprint }]);
    expect(lateApproval.statusCode).toBe(409);
    expect(await counts()).toEqual(after);
  });
});
