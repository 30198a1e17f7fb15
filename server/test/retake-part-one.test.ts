import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyResultsResponse } from '@exam/shared/api';
import { enrolments, gradingItems, sittings } from '../src/db/schema/index.js';
import { optionOrder } from '../src/modules/delivery/index.js';
import { apiAs, sittingInput } from './helpers/coordinator.js';
import { feedbackRoutes, submitAll } from './helpers/feedback-fixture.js';
import { sitExam } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';

const DAY = 24 * 3600_000;
const CASEY = 'candidate@demo.test';
let t: TestApp;
let cookie: string;
let coordinator: ReturnType<typeof apiAs>;
let candidateId: string;
let firstId: string;
let firstName: string;
let retakeId: string;

/** Closes a sitting, approves every candidate's feedback and releases its results. */
async function release(sittingId: string) {
  const closed = await coordinator.post(`/api/sittings/${sittingId}/transition`, { to: 'closed' });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  const feedback = feedbackRoutes(() => ({ t, coordinator: cookie, sittingId }));
  // A Part One retake writes no Part Two feedback: then there is nothing to approve.
  const { candidates } = await feedback.review();
  if (candidates.length > 0) {
    const approved = await feedback.approve(
      candidates.map((c) => ({ candidateId: c.candidateId, fingerprint: c.fingerprint })),
    );
    expect(approved.statusCode, approved.body).toBe(200);
  }
  const released = await feedback.release();
  expect(released.statusCode, released.body).toBe(200);
}

async function myResults(): Promise<MyResultsResponse> {
  const mine = apiAs(t.app, await loginAs(t.app, CASEY));
  return (await mine.get('/api/results/mine')).body;
}

/**
 * Casey sits the demo's open sitting for real: Part One failed (10 of 60), Part Two passed by
 * both readers; the coordinator releases it. A sitting 400 days later takes the retake.
 */
beforeAll(async () => {
  t = await createTestApp();
  cookie = await loginAs(t.app, 'coordinator@demo.test');
  coordinator = apiAs(t.app, cookie);
  ({ candidateId } = await sitExam(t.app, t.database.db, CASEY, {
    responses: { 1: 'A considered response.', 2: 'Another considered response.' },
    chosen: [1, 2],
    partOneCorrect: 10,
  }));
  const [item] = await t.database.db.select().from(gradingItems).limit(1);
  firstId = item!.sittingId;
  const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
  for (const grader of ['grader1@demo.test', 'grader2@demo.test'])
    await submitAll(t, grader, clinical, 3, 'Evidence');
  await release(firstId);
  const [first] = await t.database.db.select().from(sittings).where(eq(sittings.id, firstId));
  firstName = first!.name;
  const created = await coordinator.post(
    '/api/sittings',
    sittingInput({
      name: 'Part One retake sitting',
      date: new Date(first!.startsAt!.getTime() + 400 * DAY).toISOString().slice(0, 10),
      startTime: '14:00',
      timeZone: 'UTC',
      forms: { 'IMH-E': first!.forms['IMH-E'] ?? null, 'ECMH-E': first!.forms['ECMH-E'] ?? null },
      vignetteSetIds: first!.vignetteSets,
    }),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  retakeId = created.body.sitting.id;
});
afterAll(() => t.close());

describe('a retake of Part One alone', () => {
  it('starts from a released result that failed Part One and passed Part Two', async () => {
    const first = (await myResults()).results.find((r) => r.sittingName === firstName);
    expect(first).toMatchObject({
      status: 'released',
      passed: false,
      partOne: { passed: false },
      partTwo: { passed: true },
    });
  });

  it('is requested, approved into a Part One enrolment, and delivered without Part Two', async () => {
    const candidate = apiAs(t.app, await loginAs(t.app, CASEY));
    const made = await candidate.post('/api/retakes', { sittingId: retakeId, part: 1 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const approved = await coordinator.post(`/api/retakes/${made.body.request.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const enrolmentId: string = approved.body.request.enrolmentId;
    const [enrolment] = await t.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, enrolmentId));
    expect(enrolment!.parts).toEqual([1]);

    for (const to of ['scheduled', 'open']) {
      const moved = await coordinator.post(`/api/sittings/${retakeId}/transition`, { to });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    await t.database.db
      .update(enrolments)
      .set({ admittedAt: t.clock.now() })
      .where(eq(enrolments.id, enrolmentId));
    const { delivery } = t.app.exam;
    const context = await delivery.openForCandidate(candidateId);
    expect(context.enrolmentId).toBe(enrolmentId);
    expect(context.parts.get(2)!.row).toMatchObject({ closedStatus: 'ended' });
    expect(context.parts.get(2)!.row.closedReason).toMatch(/^not sat: .*Part One only/);
    // Nothing about Part Two stands in the candidate's way: no set, and no problem to report.
    expect(context.vignetteSetId).toBeNull();
    expect(context.partTwoProblem).toBeNull();
    expect(delivery.clockOf(context, 1).status).toBe('not-started');

    await delivery.startPart(context, 1, candidateId);
    let seq = 0;
    for (const item of context.items) {
      const order = optionOrder(context.optionSeed, item.position);
      const key = order.indexOf(item.keyIndex);
      seq += 1;
      const saved = await delivery.save(context, {
        type: 'answer.save',
        seq,
        position: item.position,
        choice: item.position <= 55 ? key : (key + 1) % 4,
        flagged: false,
      });
      expect(saved.ok).toBe(true);
    }
    await delivery.submitPart(context, 1, candidateId);
    await t.app.grading.routing.idle();

    // The attempt is finished: both parts closed, Part Two as not sat, nothing to grade.
    const reopened = await delivery.openForCandidate(candidateId);
    expect(delivery.clockOf(reopened, 1).status).toBe('submitted');
    expect(delivery.clockOf(reopened, 2)).toMatchObject({ status: 'ended', notSat: true });
    expect(
      await t.database.db.select().from(gradingItems).where(eq(gradingItems.sittingId, retakeId)),
    ).toEqual([]);
  });

  it('releases a result combining the new Part One with the carried Part Two pass', async () => {
    await release(retakeId);
    const retake = (await myResults()).results.find(
      (r) => r.status === 'released' && r.sittingName === 'Part One retake sitting',
    );
    expect(retake).toMatchObject({
      passed: true,
      partOne: { passed: true, correct: 55 },
      partTwo: { passed: true },
      carried: [{ part: 2, sittingName: firstName }],
    });
  });
});
