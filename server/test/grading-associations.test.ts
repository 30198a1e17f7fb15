import { desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  associationMembers,
  auditLog,
  gradingAssignments,
  gradingItems,
} from '../src/db/schema/index.js';
import { DEFAULT_ASSOCIATION_ID } from '../src/modules/auth/index.js';
import { associationB, auditCount, type AssociationB } from './helpers/association-b.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Issue 20: the grader pool is the programme's, so a grader of any association scores any
 * association's responses, blind; but while the programme's rule is on (the default) a response
 * never goes to a grader who is a member of the candidate's own association, in any role.
 */
let t: TestApp;
let b: AssociationB;
const ids: Record<string, string> = {};

const words = (n: number) => Array.from({ length: n }, () => 'observe').join(' ');

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  b = await associationB(t.app, db);
  for (const name of ['grader1', 'grader2', 'grader3'])
    ids[name] = await userIdOf(db, `${name}@demo.test`);
  // grader1 also proctors for the demo's association (A, the candidates'); grader2 belongs to B.
  await db.insert(associationMembers).values([
    { userId: ids.grader1!, associationId: DEFAULT_ASSOCIATION_ID, roles: ['proctor'] },
    { userId: ids.grader2!, associationId: b.associationId, roles: ['proctor'] },
  ]);
});
afterAll(() => t.close());

async function readersOf(attemptId: string) {
  const { db } = t.database;
  const items = await db.select().from(gradingItems).where(eq(gradingItems.attemptId, attemptId));
  expect(items.length).toBeGreaterThan(0);
  const readings = await db
    .select()
    .from(gradingAssignments)
    .where(
      inArray(
        gradingAssignments.itemId,
        items.map((i) => i.id),
      ),
    );
  return items.map((item) => ({
    code: item.code,
    readers: readings
      .filter((r) => r.itemId === item.id && r.role === 'reader')
      .map((r) => r.graderId)
      .sort(),
  }));
}

describe('routing across associations', () => {
  it('never gives a response to a grader of the candidate’s own association while the rule is on', async () => {
    const rule = await call(
      t.app,
      await loginAs(t.app, 'coordinator@demo.test'),
      'GET',
      '/api/grading/programme-rule',
    );
    expect(rule.json()).toEqual({ excludeOwnAssociationGraders: true });
    const { attemptId } = await sitExam(t.app, t.database.db, 'candidate@demo.test', {
      responses: { 1: words(40), 2: words(60) },
      chosen: [1, 2],
    });
    for (const { readers } of await readersOf(attemptId)) {
      expect(readers).not.toContain(ids.grader1);
      // grader2, of another association, reads A's responses: the pool is the programme's.
      expect(readers).toEqual([ids.grader2, ids.grader3].sort());
    }
  });

  it('lets only an administrator change the rule, audited, and then routes to the grader again', async () => {
    const { db } = t.database;
    const coordinator = await loginAs(t.app, 'coordinator@demo.test');
    const before = await auditCount(db);
    const refused = await call(t.app, coordinator, 'PUT', '/api/grading/programme-rule', {
      excludeOwnAssociationGraders: false,
    });
    expect(refused.statusCode).toBe(403);
    expect(await auditCount(db)).toBe(before);

    const admin = await loginAs(t.app, 'admin@demo.test');
    const set = await call(t.app, admin, 'PUT', '/api/grading/programme-rule', {
      excludeOwnAssociationGraders: false,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ excludeOwnAssociationGraders: false });
    const [entry] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      action: 'programme.grading_rule_set',
      details: { excludeOwnAssociationGraders: { from: true, to: false } },
    });

    const { attemptId } = await sitExam(t.app, t.database.db, 'mentor.clinical@demo.test', {
      responses: { 1: words(40), 2: words(60) },
      chosen: [1, 2],
    });
    for (const { readers } of await readersOf(attemptId)) expect(readers).toContain(ids.grader1);
  });

  it("answers B's coordinator 404 on reopening a reading of A's response, changing nothing", async () => {
    const [item] = await t.database.db.select().from(gradingItems).limit(1);
    const before = await auditCount(t.database.db);
    const body = { graderId: ids.grader2, reason: 'Not our response' };
    const url = `/api/grading/items/${item!.code}/reopen`;
    const refused = await call(t.app, b.coordinator, 'POST', url, body);
    expect(refused.statusCode).toBe(404);
    expect(await auditCount(t.database.db)).toBe(before);
    // A's coordinator gets past the scope to the reading's own rule (nothing submitted yet).
    const coordinatorA = await loginAs(t.app, 'coordinator@demo.test');
    const own = await call(t.app, coordinatorA, 'POST', url, body);
    expect(own.statusCode).toBe(409);
  });

  it('withdraws the unsubmitted readings that break the rule when it is switched on, audited, and routes them anew', async () => {
    const { db } = t.database;
    // The rule is off (the test above): grader1, a member of A, holds readings of A's mentor.
    const attempt = await db
      .select({ id: gradingItems.attemptId })
      .from(gradingItems)
      .where(eq(gradingItems.candidateId, await userIdOf(db, 'mentor.clinical@demo.test')));
    const attemptId = attempt[0]!.id;
    const held = (await readersOf(attemptId)).filter((i) => i.readers.includes(ids.grader1!));
    expect(held.length).toBe(2);
    // grader1 submits one of them: a submitted reading stands whatever the rule says.
    const grader1 = await loginAs(t.app, 'grader1@demo.test');
    const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
    const submitted = await call(
      t.app,
      grader1,
      'POST',
      `/api/grading/queue/${held[0]!.code}/submit`,
      sheet(clinical, 3),
    );
    expect(submitted.statusCode, submitted.body).toBe(200);

    const admin = await loginAs(t.app, 'admin@demo.test');
    const set = await call(t.app, admin, 'PUT', '/api/grading/programme-rule', {
      excludeOwnAssociationGraders: true,
    });
    expect(set.statusCode, set.body).toBe(200);
    await t.app.grading.routing.idle();

    const after = new Map((await readersOf(attemptId)).map((i) => [i.code, i.readers]));
    expect(after.get(held[0]!.code)).toContain(ids.grader1);
    expect(after.get(held[1]!.code)).not.toContain(ids.grader1);
    // Routed anew to a grader the rule allows: still two first readers.
    expect(after.get(held[1]!.code)).toEqual([ids.grader2, ids.grader3].sort());
    const withdrawn = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'grading.reading_withdrawn'));
    expect(withdrawn).toEqual([
      expect.objectContaining({
        subjectId: held[1]!.code,
        details: expect.objectContaining({ graderId: ids.grader1 }),
      }),
    ]);
  });
});
