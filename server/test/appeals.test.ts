import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealDetail, MyAppealsResponse, MyResultsResponse } from '@exam/shared/api';
import {
  appeals,
  attemptParts,
  auditLog,
  examResults,
  gradingAssignments,
  gradingItems,
  mailMessages,
} from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { associationB, send } from './helpers/association-b.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call, sheet, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const DAY = 86_400_000;
const clinical = demoRubrics.clinical.criteria.map((c) => c.id);

/**
 * Casey's released result (50 of 60 in Part One, every response scored 3s by grader1 and
 * grader2) is appealed on both parts: the window, triage, the key check, an independent review
 * by a grader who never read the responses, a changed result with its history, and isolation.
 */
describe('appeals', () => {
  let t: TestApp;
  let coordinator: string;
  let candidate: string;
  let sittingId: string;
  let attemptId: string;
  let releaseDay: number;
  let appealId: string;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    ({ attemptId, sittingId } = await releasableSitting(t, coordinator));
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    releaseDay = Date.parse(`${t.clock.now().toISOString().slice(0, 10)}T00:00:00.000Z`);
    candidate = await loginAs(t.app, 'candidate@demo.test');
  });
  afterAll(() => t.close());

  const mine = async (): Promise<MyAppealsResponse> =>
    (await call(t.app, candidate, 'GET', '/api/appeals/mine')).json();
  const request = () =>
    call(t.app, candidate, 'POST', '/api/appeals', {
      attemptId,
      parts: ['one', 'two'],
      grounds: 'I believe item 12 was keyed wrongly and my essays were marked harshly.',
    });
  const detail = async (): Promise<AppealDetail> => {
    const response = await call(t.app, coordinator, 'GET', `/api/appeals/${appealId}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('enforces the window by the server clock, its last day included', async () => {
    t.clock.set(releaseDay + 31 * DAY + 60_000);
    // Sessions do not last a month: sign in again at each moved clock.
    candidate = await loginAs(t.app, 'candidate@demo.test');
    expect((await mine()).results[0]?.canRequest).toBe(false);
    const late = await request();
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('APPEAL_WINDOW_CLOSED');

    t.clock.set(releaseDay + 31 * DAY - 60_000); // 23:59 on the 30th day after release
    candidate = await loginAs(t.app, 'candidate@demo.test');
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    const [result] = (await mine()).results;
    expect(result?.canRequest).toBe(true);
    expect(result?.windowClosesOn).toBe(new Date(releaseDay + 30 * DAY).toISOString().slice(0, 10));
    const made = await request();
    expect(made.statusCode, made.body).toBe(201);
    appealId = made.json().id;
    const again = await request();
    expect(again.json().error.code).toBe('APPEAL_ALREADY_OPEN');
    expect((await detail()).deadline).not.toBeNull();
  });

  it('hides the appeal from another association’s coordinator', async () => {
    const b = await associationB(t.app, t.database.db);
    expect((await send(t.app, b.coordinator, 'GET', `/api/appeals/${appealId}`)).statusCode).toBe(
      404,
    );
    const triage = await send(t.app, b.coordinator, 'POST', `/api/appeals/${appealId}/triage`, {
      decision: 'decline',
      reason: 'Not ours',
    });
    expect(triage.statusCode).toBe(404);
    const list = await send(t.app, b.coordinator, 'GET', '/api/appeals');
    expect(list.body).not.toContain(appealId);
    const csv = await send(
      t.app,
      b.coordinator,
      'GET',
      `/api/appeals/sittings/${sittingId}/report.csv`,
    );
    expect(csv.statusCode).toBe(404);
    const [row] = await t.database.db.select().from(appeals).where(eq(appeals.id, appealId));
    expect(row?.status).toBe('requested');
  });

  it('accepts: Part One is checked against the key, Part Two goes blind to a grader who never read it', async () => {
    // A released Part One scored wrongly (40 of 60): the key check must find the 50.
    const [part] = await t.database.db
      .select()
      .from(attemptParts)
      .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
    const wrong = { ...(part!.result as Record<string, unknown>), correct: 40, passed: false };
    await t.database.db
      .update(attemptParts)
      .set({ result: wrong })
      .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
    const [stored] = await t.database.db
      .select()
      .from(examResults)
      .where(eq(examResults.attemptId, attemptId));
    const result = stored!.result as { partOne: Record<string, unknown>; passed: boolean };
    await t.database.db
      .update(examResults)
      .set({
        passed: false,
        result: {
          ...result,
          passed: false,
          partOne: { ...result.partOne, correct: 40, passed: false },
        },
      })
      .where(eq(examResults.attemptId, attemptId));

    const accepted = await call(t.app, coordinator, 'POST', `/api/appeals/${appealId}/triage`, {
      decision: 'accept',
    });
    expect(accepted.statusCode, accepted.body).toBe(204);
    const seen = await detail();
    expect(seen.status).toBe('accepted');
    expect(seen.partOneCheck?.before?.correct).toBe(40);
    expect(seen.partOneCheck?.after).toMatchObject({ correct: 50, total: 60, passed: true });
    expect(seen.reviews).toHaveLength(2);
    expect(seen.reviews.every((r) => r.review === 'assigned')).toBe(true);

    const items = await t.database.db
      .select()
      .from(gradingItems)
      .where(eq(gradingItems.attemptId, attemptId));
    const readers = new Set([
      await userIdOf(t.database.db, 'grader1@demo.test'),
      await userIdOf(t.database.db, 'grader2@demo.test'),
    ]);
    for (const item of items) {
      const rows = await t.database.db
        .select()
        .from(gradingAssignments)
        .where(eq(gradingAssignments.itemId, item.id));
      const review = rows.filter((r) => r.role === 'review');
      expect(review).toHaveLength(1);
      expect(readers.has(review[0]!.graderId)).toBe(false);
      expect(rows.filter((r) => r.graderId === review[0]!.graderId)).toHaveLength(1);
    }

    // The reviewer sees an ordinary first reading: same shapes, no scores, no sign of an appeal.
    const grader3 = await loginAs(t.app, 'grader3@demo.test');
    const queue = (await call(t.app, grader3, 'GET', '/api/grading/queue')).json();
    const codes = items.map((i) => i.code);
    const entries = queue.entries.filter((e: { code: string }) => codes.includes(e.code));
    expect(entries.map((e: { role: string }) => e.role)).toEqual(['reader', 'reader']);
    for (const code of codes) {
      const view = await call(t.app, grader3, 'GET', `/api/grading/queue/${code}`);
      const body = view.json();
      expect(body.role).toBe('reader');
      expect(body.otherReadings).toEqual([]);
      expect(body.sheet.status).toBe('new');
      expect(view.body.toLowerCase()).not.toContain('appeal');
      const notes = (
        await call(t.app, grader3, 'GET', `/api/grading/queue/${code}/annotations`)
      ).json();
      expect(notes.others).toEqual([]);
    }
    const early = await call(t.app, coordinator, 'POST', `/api/appeals/${appealId}/decide`, {
      outcome: 'changed',
      reply: 'Too soon',
    });
    expect(early.json().error.code).toBe('APPEAL_REVIEWS_PENDING');
    for (const code of codes) {
      const submitted = await call(
        t.app,
        grader3,
        'POST',
        `/api/grading/queue/${code}/submit`,
        sheet(clinical, 4),
      );
      expect(submitted.statusCode, submitted.body).toBe(200);
    }
    const ready = await detail();
    expect(ready.decidable).toBe(true);
    expect(ready.reviews.map((r) => [r.releasedTotal, r.reviewTotal])).toEqual([
      [9, 12],
      [9, 12],
    ]);
  });

  it('decides "changed": the result is recomputed, the old one kept, all audited, the candidate told', async () => {
    const reply = 'On review your essays show stronger reflection; Part One was also rescored.';
    const decided = await call(t.app, coordinator, 'POST', `/api/appeals/${appealId}/decide`, {
      outcome: 'changed',
      reply,
    });
    expect(decided.statusCode, decided.body).toBe(204);
    // The mail was queued in the deciding transaction: it is there the moment the answer is.
    const mails = await t.database.db
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.dedupeKey, `appeal-outcome:${appealId}:decided`));
    expect(mails.map((m) => [m.kind, m.toAddress])).toEqual([
      ['appeal-outcome', 'candidate@demo.test'],
    ]);
    const results: MyResultsResponse = (
      await call(t.app, candidate, 'GET', '/api/results/mine')
    ).json();
    const [now] = results.results;
    if (now?.status !== 'released') throw new Error('expected a released result');
    expect(now.partOne.correct).toBe(50);
    expect(now.passed).toBe(true);
    expect(now.partTwo.responses.map((r) => r.total)).toEqual([12, 12]);
    expect(now.revised?.reason).toContain(reply);

    const [row] = await t.database.db.select().from(appeals).where(eq(appeals.id, appealId));
    const previous = row!.previousResult as {
      partOne: { correct: number };
      partTwo: { responses: { total: number }[] };
    };
    expect(previous.partOne.correct).toBe(40);
    expect(previous.partTwo.responses.map((r) => r.total)).toEqual([9, 9]);
    const items = await t.database.db
      .select()
      .from(gradingItems)
      .where(eq(gradingItems.attemptId, attemptId));
    expect(items.map((i) => i.final?.method)).toEqual(['review', 'review']);

    const actions = (await t.database.db.select({ action: auditLog.action }).from(auditLog)).map(
      (a) => a.action,
    );
    for (const action of [
      'appeals.requested',
      'appeals.accepted',
      'appeals.decided',
      'results.revised',
    ])
      expect(actions).toContain(action);

    const [appeal] = (await mine()).results;
    expect(appeal?.appeal).toMatchObject({ status: 'decided', outcome: 'changed', reply });
    expect(appeal?.canRequest).toBe(false);
  });

  it('reports a sitting’s appeals as CSV and counts them for the programme', async () => {
    const csv = await call(
      t.app,
      coordinator,
      'GET',
      `/api/appeals/sittings/${sittingId}/report.csv`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Candidate');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Casey Candidate');
    expect(lines[1]).toContain('Part One and Part Two');
    expect(lines[1]).toContain('changed');
    const admin = await loginAs(t.app, 'admin@demo.test');
    const overview = (await call(t.app, admin, 'GET', '/api/programme/overview')).json();
    expect(overview.appeals.count).toBe(1);
    expect(overview.appeals.byAssociation.some((a: { count: number }) => a.count === 1)).toBe(true);
  });
});
