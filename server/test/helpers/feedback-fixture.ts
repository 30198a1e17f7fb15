import { expect } from 'vitest';
import type { FeedbackComment, FeedbackReviewResponse } from '@exam/shared/api';
import { gradingItems } from '../../src/db/schema/index.js';
import { demoRubrics } from '../../src/seed/content/rubrics.js';
import { call, sheet, sitExam } from './grading-fixture.js';
import { loginAs, type TestApp } from './test-app.js';

/** Helpers for the feedback review tests: scoring a queue, and the review's three routes. */

export const unapprovedBlocker = (n: number) =>
  `Feedback for ${n} candidate(s) is not approved yet: review it on the feedback page.`;

/** Submits every unsubmitted reading in the grader's queue scored on this rubric. */
export async function submitAll(
  t: TestApp,
  email: string,
  ids: string[],
  level: number,
  comment: string,
) {
  const cookie = await loginAs(t.app, email);
  const queue = (await call(t.app, cookie, 'GET', '/api/grading/queue')).json();
  for (const entry of queue.entries) {
    if (entry.status === 'submitted') continue;
    const view = (await call(t.app, cookie, 'GET', `/api/grading/queue/${entry.code}`)).json();
    if (view.rubric.criteria.map((c: { id: string }) => c.id).join() !== ids.join()) continue;
    const response = await call(
      t.app,
      cookie,
      'POST',
      `/api/grading/queue/${entry.code}/submit`,
      sheet(ids, level, { comment }),
    );
    expect(response.statusCode, response.body).toBe(200);
  }
}

/** The comment whose grader's text starts so: reading order is not fixed. */
export function commentBy(criterion: { comments: FeedbackComment[] }, prefix: string) {
  return criterion.comments.find((c) => c.original.startsWith(prefix));
}

/**
 * The review's routes for one sitting, called as its coordinator. `context` is read at each
 * call, so a describe block can bind them before its beforeAll has built the app.
 */
export function feedbackRoutes(
  context: () => { t: TestApp; coordinator: string; sittingId: string },
) {
  const url = () => `/api/results/sittings/${context().sittingId}/feedback`;
  const as = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, cookie?: string) => {
    const { t, coordinator } = context();
    return call(t.app, cookie ?? coordinator, method, path, body);
  };
  return {
    url,
    async review(): Promise<FeedbackReviewResponse> {
      const response = await as('GET', url());
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },
    edit(body: unknown, cookie?: string) {
      return as('PUT', `${url()}/comment`, body, cookie);
    },
    approve(approvals: { candidateId: string; fingerprint: string | null }[]) {
      return as('POST', `${url()}/approvals`, { approvals });
    },
    release() {
      return as('POST', `/api/results/sittings/${context().sittingId}/release`);
    },
  };
}

/**
 * One candidate sat the exam (50 of 60 right in Part One), both graders scored every reading,
 * the sitting is closed and its feedback approved: nothing but what a test adds holds release.
 */
export async function releasableSitting(
  t: TestApp,
  coordinator: string,
): Promise<{ attemptId: string; sittingId: string }> {
  const { attemptId } = await sitExam(t.app, t.database.db, 'candidate@demo.test', {
    responses: { 1: 'A considered response.', 2: 'Another considered response.' },
    chosen: [1, 2],
    partOneCorrect: 50,
  });
  const [item] = await t.database.db.select().from(gradingItems).limit(1);
  const sittingId = item!.sittingId;
  const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
  for (const grader of ['grader1@demo.test', 'grader2@demo.test']) {
    const cookie = await loginAs(t.app, grader);
    const queue = (await call(t.app, cookie, 'GET', '/api/grading/queue')).json();
    for (const entry of queue.entries) {
      const url = `/api/grading/queue/${entry.code}/submit`;
      const scored = await call(t.app, cookie, 'POST', url, sheet(clinical, 3));
      expect(scored.statusCode, scored.body).toBe(200);
    }
  }
  const closed = await call(t.app, coordinator, 'POST', `/api/sittings/${sittingId}/transition`, {
    to: 'closed',
  });
  expect(closed.statusCode, closed.body).toBe(200);
  const feedback = feedbackRoutes(() => ({ t, coordinator, sittingId }));
  const approved = await feedback.approve(
    (await feedback.review()).candidates.map((c) => ({
      candidateId: c.candidateId,
      fingerprint: c.fingerprint,
    })),
  );
  expect(approved.statusCode, approved.body).toBe(200);
  return { attemptId, sittingId };
}
