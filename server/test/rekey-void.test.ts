import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyResultsResponse, SittingReviewResponse } from '@exam/shared/api';
import { answers, attemptParts, attempts, auditLog } from '../src/db/schema/index.js';
import { optionOrder } from '../src/modules/delivery/index.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Casey sat the demo IMH-E form and got items 1..50 right (51..60 wrong): 50 of 60 against the
 * cut of 48. Items are voided and re-keyed for that sitting; scores follow, every change is
 * audited, and once released the result says "revised" with the reason.
 */
describe('re-keying and voiding an item after a sitting', () => {
  let t: TestApp;
  let coordinator: string;
  let sittingId: string;
  let attemptId: string;
  let formId: string;
  let optionSeed: number;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    ({ attemptId, sittingId } = await releasableSitting(t, coordinator));
    const [attempt] = await t.database.db.select().from(attempts).where(eq(attempts.id, attemptId));
    formId = attempt!.formId;
    optionSeed = attempt!.optionSeed;
  });
  afterAll(() => t.close());

  const url = () => `/api/scoring-corrections/sittings/${sittingId}`;
  const correct = (body: object, cookie = coordinator) => call(t.app, cookie, 'POST', url(), body);

  async function partOne() {
    const [row] = await t.database.db
      .select({ result: attemptParts.result })
      .from(attemptParts)
      .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
    return row!.result as { correct: number; total: number; cutScore: number; passed: boolean };
  }

  /** The original option Casey chose at a position (their display choice mapped back). */
  async function chosenOriginal(position: number): Promise<number> {
    const [row] = await t.database.db
      .select({ choice: answers.choice })
      .from(answers)
      .where(and(eq(answers.attemptId, attemptId), eq(answers.position, position)));
    return optionOrder(optionSeed, position)[row!.choice!]!;
  }

  async function audits(action: string) {
    return t.database.db.select().from(auditLog).where(eq(auditLog.action, action));
  }

  async function mine(): Promise<{ body: string; json: MyResultsResponse }> {
    const cookie = await loginAs(t.app, 'candidate@demo.test');
    const response = await call(t.app, cookie, 'GET', '/api/results/mine');
    expect(response.statusCode).toBe(200);
    return { body: response.body, json: response.json() };
  }

  it('only coordinators and admins correct items', async () => {
    for (const email of ['candidate@demo.test', 'grader1@demo.test', 'panelist1@demo.test']) {
      const cookie = await loginAs(t.app, email);
      const response = await correct(
        { kind: 'void', formId, position: 1, reason: 'Ambiguous stem.' },
        cookie,
      );
      expect(response.statusCode).toBe(403);
    }
    expect(await partOne()).toMatchObject({ correct: 50, total: 60, cutScore: 48 });
  });

  it('refuses bad corrections and changes nothing', async () => {
    for (const [body, code] of [
      [{ kind: 'void', formId, position: 1, reason: '' }, 'VALIDATION_FAILED'],
      [{ kind: 'rekey', formId, position: 1, keyIndex: 4, reason: 'x' }, 'VALIDATION_FAILED'],
      [{ kind: 'void', formId, position: 61, reason: 'x' }, 'NO_SUCH_ITEM'],
      [
        { kind: 'void', formId: '00000000-0000-4000-8000-000000000000', position: 1, reason: 'x' },
        'NO_SUCH_ITEM',
      ],
    ] as const) {
      const response = await correct(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe(code);
    }
    const keyOf1 = await chosenOriginal(1); // answered right: this is the key
    const same = await correct({
      kind: 'rekey',
      formId,
      position: 1,
      keyIndex: keyOf1,
      reason: 'x',
    });
    expect(same.json().error.code).toBe('CORRECTION_UNCHANGED');
    expect(await partOne()).toMatchObject({ correct: 50, total: 60, cutScore: 48 });
    expect(await audits('scoring.item_voided')).toHaveLength(0);
  });

  it('voids an item: scored out of the rest, the cut kept as a proportion, audited', async () => {
    const response = await correct({
      kind: 'void',
      formId,
      position: 1,
      reason: 'Two options are defensible.',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ rescored: 1, changed: 1, revisedReleased: 0 });
    // 49 of 59; 80% of 59 = 47.2, so the cut is 48.
    expect(await partOne()).toMatchObject({ correct: 49, total: 59, cutScore: 48, passed: true });
    const [voided] = await audits('scoring.item_voided');
    expect(voided!.details).toMatchObject({
      formId,
      position: 1,
      reason: 'Two options are defensible.',
    });
    const [rescored] = await audits('scoring.part_one_rescored');
    expect(rescored!.subjectId).toBe(attemptId);
    expect(rescored!.details).toMatchObject({
      before: { correct: 50, total: 60, cutScore: 48, passed: true },
      after: { correct: 49, total: 59, cutScore: 48, passed: true },
    });
  });

  it('re-keys an item: the option the candidate chose now scores', async () => {
    const keyIndex = await chosenOriginal(60);
    const response = await correct({
      kind: 'rekey',
      formId,
      position: 60,
      keyIndex,
      reason: 'The published guidance changed; the keyed answer is out of date.',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await partOne()).toMatchObject({ correct: 50, total: 59, cutScore: 48 });
    expect(await audits('scoring.part_one_rescored')).toHaveLength(2);
  });

  it('unreleased results follow: the coordinator review shows the new score', async () => {
    const response = await call(t.app, coordinator, 'GET', `/api/results/sittings/${sittingId}`);
    const review: SittingReviewResponse = response.json();
    expect(review.candidates.find((c) => c.partOne)?.partOne).toMatchObject({
      correct: 50,
      total: 59,
      cutScore: 48,
    });
    const { json } = await mine();
    expect(json.results[0]!.status).toBe('pending');
  });

  it('a released result is revised, shows the reason, and never the key', async () => {
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    let { json } = await mine();
    const before = json.results[0]!;
    expect(before.status === 'released' && before.revised).toBeFalsy();
    const keyIndex = await chosenOriginal(59);
    const reason = 'Item 59 was keyed to an outdated statute; your answer is now credited.';
    const response = await correct({ kind: 'rekey', formId, position: 59, keyIndex, reason });
    expect(response.json()).toEqual({ rescored: 1, changed: 1, revisedReleased: 1 });
    const read = await mine();
    json = read.json;
    const after = json.results[0]!;
    if (after.status !== 'released') throw new Error('expected a released result');
    expect(after.revised).toMatchObject({ reason });
    expect(after.partOne).toMatchObject({ correct: 51, total: 59, cutScore: 48, passed: true });
    expect(read.body).not.toMatch(/keyIndex|"corrections"|baseCutScore/);
    const [revised] = await audits('results.revised');
    expect(revised!.details).toMatchObject({
      reason,
      before: { correct: 50, total: 59 },
      after: { correct: 51, total: 59 },
    });
    const listed = await call(t.app, coordinator, 'GET', url());
    expect(listed.json().corrections.map((c: { position: number }) => c.position)).toEqual([
      1, 59, 60,
    ]);
  });

  it('every correction is on the audit chain', async () => {
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(like(auditLog.action, 'scoring.%'));
    expect(rows.map((r) => r.action).sort()).toEqual([
      'scoring.item_rekeyed',
      'scoring.item_rekeyed',
      'scoring.item_voided',
      'scoring.part_one_rescored',
      'scoring.part_one_rescored',
      'scoring.part_one_rescored',
    ]);
  });
});
