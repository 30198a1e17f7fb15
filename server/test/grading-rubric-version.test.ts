import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rubric } from '@exam/shared/api';
import { gradingAssignments, gradingItems } from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * A new rubric version, end to end: saving it repins every response of the variant no reader
 * holds to it (a response with a reading keeps its version: grading-rubric-pin.test.ts), and
 * routing then gives a grader readings of the variant only once they are qualified on it.
 */
let t: TestApp;
let admin: string;
let chiefGrader: string;
const ids: Record<string, string> = {};
const clinical = demoRubrics.clinical.criteria.map((c) => c.id);

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin@demo.test');
  chiefGrader = await loginAs(t.app, 'chief.grader@demo.test');
  for (const name of ['grader1', 'grader2', 'grader3'])
    ids[name] = await userIdOf(t.database.db, `${name}@demo.test`);
});
afterAll(() => t.close());

async function itemsOf(attemptId: string) {
  return t.database.db
    .select()
    .from(gradingItems)
    .where(eq(gradingItems.attemptId, attemptId))
    .orderBy(gradingItems.vignette);
}

async function readersOf(itemIds: string[]) {
  const rows = await t.database.db
    .select()
    .from(gradingAssignments)
    .where(inArray(gradingAssignments.itemId, itemIds));
  return rows.filter((r) => r.role === 'reader');
}

async function queueCodes(email: string) {
  const cookie = await loginAs(t.app, email);
  const queue = await call(t.app, cookie, 'GET', '/api/grading/queue');
  expect(queue.statusCode).toBe(200);
  return (queue.json().entries as { code: string }[]).map((e) => e.code);
}

async function decide(graderId: string) {
  const decided = await call(t.app, chiefGrader, 'POST', '/api/grading/qualifications/decide', {
    graderId,
    variant: 'clinical',
    qualified: true,
    note: 'Read the new version with the chief grader',
  });
  expect(decided.statusCode, decided.body).toBe(204);
}

describe('a new rubric version', () => {
  it('repins unscored responses and routes them only to graders qualified on it', async () => {
    const pool = await t.app.grading.routing.loadPool();
    const before = new Map(pool.graders.map((g) => [g.id, g]));
    const rubrics = (await call(t.app, admin, 'GET', '/api/grading/rubrics')).json()
      .rubrics as Rubric[];
    const v1 = rubrics.find((r) => r.variant === 'clinical' && r.current)!;
    // The demo's graders read clinical on version 1.
    for (const name of ['grader1', 'grader2', 'grader3'])
      expect(before.get(ids[name]!)!.rubrics.has(v1.id)).toBe(true);

    // Casey's two responses go to grader1 and grader2; grader1 submits a reading of the first.
    const casey = await sitExam(t.app, t.database.db, 'candidate@demo.test', {
      responses: { 1: 'Casey on the parallel process', 2: 'Casey on repair' },
      chosen: [1, 2],
    });
    const [scored, held] = await itemsOf(casey.attemptId);
    expect((await readersOf([scored!.id, held!.id])).map((r) => r.graderId).sort()).toEqual(
      [ids.grader1, ids.grader1, ids.grader2, ids.grader2].sort(),
    );
    const grader1 = await loginAs(t.app, 'grader1@demo.test');
    const submitted = await call(
      t.app,
      grader1,
      'POST',
      `/api/grading/queue/${scored!.code}/submit`,
      sheet(clinical, 3),
    );
    expect(submitted.statusCode, submitted.body).toBe(200);

    // While no grader reads clinical, the mentor's responses are taken in with nobody to read them.
    const setVariants = async (id: string, variants: string[]) => {
      const set = await call(t.app, admin, 'PUT', `/api/grading/graders/${id}`, {
        variants,
        adjudicator: before.get(id)!.adjudicator,
      });
      expect(set.statusCode, set.body).toBe(200);
    };
    for (const name of ['grader1', 'grader2', 'grader3'])
      await setVariants(
        ids[name]!,
        before.get(ids[name]!)!.variants.filter((v) => v !== 'clinical'),
      );
    const mentor = await sitExam(t.app, t.database.db, 'mentor.clinical@demo.test', {
      responses: { 1: 'Mentor on the parallel process', 2: 'Mentor on repair' },
      chosen: [1, 2],
    });
    const waiting = await itemsOf(mentor.attemptId);
    expect(waiting).toHaveLength(2);
    expect(waiting.every((i) => i.rubricId === v1.id)).toBe(true);
    expect(await readersOf(waiting.map((i) => i.id))).toEqual([]);

    // A programme administrator saves version 2.
    const created = await call(t.app, admin, 'POST', '/api/grading/rubrics', {
      variant: 'clinical',
      content: {
        title: 'Clinical vignette rubric (v2)',
        criteria: v1.criteria,
        passingRule: v1.passingRule,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const v2 = created.json().rubric as Rubric;
    expect(v2).toMatchObject({ version: 2, current: true });

    // (a) Every clinical response no reader holds is on version 2 (the unscored readings of
    // Casey's were taken back when their graders stopped reading clinical); the response with a
    // submitted reading stays on version 1.
    const all = await t.database.db
      .select()
      .from(gradingItems)
      .where(eq(gradingItems.variant, 'clinical'));
    expect(all).toHaveLength(4);
    for (const item of all)
      expect([item.code, item.rubricId]).toEqual([
        item.code,
        item.id === scored!.id ? v1.id : v2.id,
      ]);

    // (b) The graders read clinical again, but are qualified on version 1 only: the sweeps that
    // every pool change runs, and one more, give them none of the waiting responses.
    for (const name of ['grader1', 'grader2', 'grader3'])
      await setVariants(ids[name]!, before.get(ids[name]!)!.variants);
    await t.app.grading.routing.sweep();
    expect(await readersOf(waiting.map((i) => i.id))).toEqual([]);
    for (const name of ['grader1', 'grader2', 'grader3']) {
      const queue = await queueCodes(`${name}@demo.test`);
      for (const item of waiting) expect(queue).not.toContain(item.code);
    }

    // (c) Qualified on version 2 by the chief grader's decision, grader1 then grader2 are given
    // the waiting responses; grader3, still on version 1 only, is not.
    await decide(ids.grader1!);
    const first = await readersOf(waiting.map((i) => i.id));
    expect(first.map((r) => [r.itemId, r.graderId]).sort()).toEqual(
      waiting.map((i) => [i.id, ids.grader1]).sort(),
    );
    await decide(ids.grader2!);
    await t.app.grading.routing.sweep();
    for (const item of waiting) {
      const readers = (await readersOf([item.id])).map((r) => r.graderId).sort();
      expect(readers).toEqual([ids.grader1, ids.grader2].sort());
    }
    for (const name of ['grader1', 'grader2']) {
      const queue = await queueCodes(`${name}@demo.test`);
      for (const item of waiting) expect(queue).toContain(item.code);
    }
    const after = await t.app.grading.routing.loadPool();
    const rubricsOf = (name: string) => after.graders.find((g) => g.id === ids[name])!.rubrics;
    expect([rubricsOf('grader1').has(v1.id), rubricsOf('grader1').has(v2.id)]).toEqual([
      true,
      true,
    ]);
    expect([rubricsOf('grader3').has(v1.id), rubricsOf('grader3').has(v2.id)]).toEqual([
      true,
      false,
    ]);

    // The scored response kept version 1 throughout, with its submitted reading.
    const [kept] = await t.database.db
      .select()
      .from(gradingItems)
      .where(eq(gradingItems.id, scored!.id));
    expect(kept!.rubricId).toBe(v1.id);
    const keptReadings = await readersOf([scored!.id]);
    expect(keptReadings.find((r) => r.graderId === ids.grader1)!.status).not.toBe('assigned');
  });
});
