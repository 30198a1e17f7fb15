import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerSaves,
  answers,
  attemptParts,
  lateChanges,
  responses,
} from '../src/db/schema/index.js';
import type { AttemptContext } from '../src/modules/delivery/attempt-context.js';
import { call, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';
import { programmeScope } from '../src/db/association-scope.js';

/**
 * Issue 24 item 1: an accepted late change is applied "exactly as if saved at its claim". The
 * stored answer, its save log and the response version carry the client's claimed time, kept
 * inside the part (the deadline when there is no claim or it is later, never before the start);
 * only the late change's own row and audit entry carry the time of the decision.
 */
describe('accepted late changes are dated at their claim', () => {
  let t: TestApp;
  let attemptId: string;
  let context: AttemptContext;
  let deciderId: string;
  let started: [number, number];
  let deadline: [number, number];
  const hour = 3_600_000;

  beforeAll(async () => {
    t = await createTestApp();
    ({ attemptId } = await sitExam(t.app, t.database.db, 'candidate@demo.test', {
      responses: { 1: 'A considered response.', 2: 'Another considered response.' },
      chosen: [1, 2],
      partOneCorrect: 50,
    }));
    context = await t.app.exam.delivery.loadContext(attemptId);
    deciderId = await userIdOf(t.database.db, 'coordinator@demo.test');
    const parts = await t.database.db
      .select()
      .from(attemptParts)
      .where(eq(attemptParts.attemptId, attemptId))
      .orderBy(attemptParts.part);
    started = [parts[0]!.startedAt!.getTime(), parts[1]!.startedAt!.getTime()];
    deadline = [parts[0]!.deadlineAt!.getTime(), parts[1]!.deadlineAt!.getTime()];
    // Decisions come well after the sitting: their time must not become the change's.
    t.clock.advance(3 * hour);
  });
  afterAll(() => t.close());

  async function acceptAnswer(position: number, seq: number, madeAt?: number) {
    const { lateChanges: late } = t.app.exam.delivery;
    const save = { type: 'answer.save' as const, seq, position, choice: 2, flagged: false };
    const held = await late.holdAnswer(context, madeAt === undefined ? save : { ...save, madeAt });
    expect(held).toMatchObject({ held: true });
    const row = (await late.list(programmeScope, [attemptId])).find((r) => r.seq === seq)!;
    await late.decide(programmeScope, deciderId, row.id, 'accept', 'Made before time ran out');
    return row.id;
  }

  async function datesOf(position: number, seq: number) {
    const { db } = t.database;
    const [saved] = await db
      .select()
      .from(answerSaves)
      .where(and(eq(answerSaves.attemptId, attemptId), eq(answerSaves.seq, seq)));
    const [answer] = await db
      .select()
      .from(answers)
      .where(and(eq(answers.attemptId, attemptId), eq(answers.position, position)));
    return { savedAt: saved!.savedAt.getTime(), updatedAt: answer!.updatedAt.getTime() };
  }

  it('dates an accepted answer at its claim, and the decision at the decision', async () => {
    const claim = started[0] + 60_000;
    const id = await acceptAnswer(60, 500, claim);
    expect(await datesOf(60, 500)).toEqual({ savedAt: claim, updatedAt: claim });
    const [row] = await t.database.db.select().from(lateChanges).where(eq(lateChanges.id, id));
    expect(row!.decidedAt!.getTime()).toBe(t.clock.now().getTime());
  });

  it('keeps the date inside the part: the deadline for no claim or a later one, the start for an earlier one', async () => {
    await acceptAnswer(59, 501, deadline[0] + hour);
    expect(await datesOf(59, 501)).toEqual({ savedAt: deadline[0], updatedAt: deadline[0] });
    await acceptAnswer(58, 502);
    expect(await datesOf(58, 502)).toEqual({ savedAt: deadline[0], updatedAt: deadline[0] });
    await acceptAnswer(57, 503, started[0] - hour);
    expect(await datesOf(57, 503)).toEqual({ savedAt: started[0], updatedAt: started[0] });
  });

  it("dates an accepted draft's response and its version in the history at the claim", async () => {
    const { lateChanges: late } = t.app.exam.delivery;
    const claim = started[1] + 120_000;
    const doc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Written offline.' }] }],
    };
    const held = await late.holdDraft(context, {
      vignette: 1,
      revision: 9,
      doc,
      words: 2,
      madeAt: claim,
    });
    expect(held).toMatchObject({ held: true });
    const row = (await late.list(programmeScope, [attemptId])).find((r) => r.kind === 'draft')!;
    await late.decide(programmeScope, deciderId, row.id, 'accept', 'Written before time ran out');
    const [response] = await t.database.db
      .select()
      .from(responses)
      .where(and(eq(responses.attemptId, attemptId), eq(responses.vignette, 1)));
    expect(response).toMatchObject({ revision: 9 });
    expect(response!.updatedAt.getTime()).toBe(claim);
    const coordinator = await loginAs(t.app, 'coordinator@demo.test');
    const history = await call(
      t.app,
      coordinator,
      'GET',
      `/api/attempts/${attemptId}/responses/1/history`,
    );
    expect(history.statusCode, history.body).toBe(200);
    const version = history
      .json()
      .snapshots.find((s: { reason: string }) => s.reason === 'late-accepted');
    expect(version).toMatchObject({ revision: 9, at: new Date(claim).toISOString() });
  });
});
