import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { FeedbackReviewResponse, MyResultsResponse } from '@exam/shared/api';
import { gradingItems, sittings } from '../../server/src/db/schema/index.js';
import { DEMO_LOBBY_CANDIDATE } from '../../server/src/seed/demo-sitting.js';
import { demoRubrics } from '../../server/src/seed/content/rubrics.js';
import { sittingInput } from '../../server/test/helpers/coordinator.js';
import {
  sheet,
  sitExam,
  userIdOf,
  type SittingOptions,
} from '../../server/test/helpers/grading-fixture.js';
import { apiAs } from './api-as.js';
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

const DAY = 24 * 3600_000;

/**
 * The demo's open sitting, where the lobby candidate first sits, and a retake sitting the
 * coordinator creates 400 days later: past the waiting period and before the request deadline,
 * with the same forms and vignette sets (so the coordinator is warned of them).
 */
export async function openSittingAndRetake(
  harness: BrowserHarness,
  coordinator: Awaited<ReturnType<typeof apiAs>>,
  retakeName: string,
): Promise<{ firstId: string; firstName: string; retakeSittingId: string }> {
  const [first] = await harness.database.db
    .select()
    .from(sittings)
    .where(eq(sittings.status, 'open'));
  const created = await coordinator(
    'POST',
    '/api/sittings',
    sittingInput({
      name: retakeName,
      date: new Date(first!.startsAt!.getTime() + 400 * DAY).toISOString().slice(0, 10),
      startTime: '14:00',
      timeZone: 'UTC',
      forms: { 'IMH-E': first!.forms['IMH-E'] ?? null, 'ECMH-E': first!.forms['ECMH-E'] ?? null },
      vignetteSetIds: first!.vignetteSets,
    }),
  );
  expect(created.statusCode, created.body).toBe(201);
  return { firstId: first!.id, firstName: first!.name, retakeSittingId: created.json().sitting.id };
}

/**
 * The lobby candidate sits the first sitting through the delivery service, both readers score
 * Part Two at `level`, and the coordinator releases it; returns the candidate's released result
 * for it, as their results page reads it. Call it inside a test: it polls.
 */
export async function sitAndRelease(
  harness: BrowserHarness,
  coordinator: Awaited<ReturnType<typeof apiAs>>,
  first: { firstId: string; firstName: string },
  sat: SittingOptions,
  level: number,
) {
  await sitExam(harness.app, harness.database.db, DEMO_LOBBY_CANDIDATE, sat);
  await scoreEveryReading(harness, first.firstId, level);
  await releaseThroughTheRoutes(coordinator, first.firstId);
  const mine = await apiAs(harness, DEMO_LOBBY_CANDIDATE);
  const body: MyResultsResponse = (await mine('GET', '/api/results/mine')).json();
  return body.results.find((r) => r.sittingName === first.firstName);
}
