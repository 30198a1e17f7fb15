import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { FeedbackReviewResponse } from '@exam/shared/api';
import { gradingItems } from '../../server/src/db/schema/index.js';
import { demoRubrics } from '../../server/src/seed/content/rubrics.js';
import { sheet, userIdOf } from '../../server/test/helpers/grading-fixture.js';
import type { apiAs } from './api-as.js';
import type { BrowserHarness } from './browser-harness.js';

/**
 * Waits for grading's intake of the sitting's submitted responses (it runs after the submission's
 * commit, so it may lag the page), then has both readers score every reading still open at
 * `level` on every criterion (1 fails Part Two, 3 passes it). Call it inside a test: it polls.
 */
export async function scoreEveryReading(harness: BrowserHarness, sittingId: string, level: number) {
  const { db } = harness.database;
  const intake = () => db.select().from(gradingItems).where(eq(gradingItems.sittingId, sittingId));
  await expect.poll(async () => (await intake()).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
  const { scoring } = harness.app.grading;
  for (const email of ['grader1@demo.test', 'grader2@demo.test']) {
    const reader = await userIdOf(db, email);
    for (const entry of (await scoring.queue(reader)).entries)
      if (entry.status !== 'submitted')
        await scoring.submit(reader, entry.code, sheet(clinical, level));
  }
}

/**
 * The coordinator's path to a released result, through the routes the results page calls:
 * close the sitting, approve the feedback (when there is any: a Part One retake writes none),
 * release.
 */
export async function releaseThroughTheRoutes(
  coordinator: Awaited<ReturnType<typeof apiAs>>,
  sittingId: string,
) {
  const results = `/api/results/sittings/${sittingId}`;
  const ended = await coordinator('POST', `/api/sittings/${sittingId}/transition`, {
    to: 'closed',
  });
  expect(ended.statusCode, ended.body).toBe(200);
  const review: FeedbackReviewResponse = (await coordinator('GET', `${results}/feedback`)).json();
  if (review.candidates.length > 0) {
    const approved = await coordinator('POST', `${results}/feedback/approvals`, {
      approvals: review.candidates.map((c) => ({
        candidateId: c.candidateId,
        fingerprint: c.fingerprint,
      })),
    });
    expect(approved.statusCode, approved.body).toBe(200);
  }
  const released = await coordinator('POST', `${results}/release`);
  expect(released.statusCode, released.body).toBe(200);
}
