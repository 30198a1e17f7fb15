import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GradingResponseView, Rubric, RubricVersionCreatedResponse } from '@exam/shared/api';
import { queryRows } from '../src/db/client.js';
import { auditLog, gradingAssignments, gradingItems, rubrics } from '../src/db/schema/index.js';
import * as itemsRepo from '../src/modules/grading/items.repo.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * A rubric version is pinned to a response once its first reading is given out. A version saved
 * while graders hold a response changes nothing for that response: its first, second and third
 * readers all score it with the version they were given it with, each stored reading records
 * that version, and a sheet naming another version is refused. Only responses nobody has been
 * given yet move to the new version, and the administrator is told how many stay behind.
 */
let t: TestApp;
let admin: string;
let chiefGrader: string;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
const policy = demoRubrics.policy.criteria.map((c) => c.id);

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, 'admin@demo.test');
  chiefGrader = await loginAs(t.app, 'chief.grader@demo.test');
  for (const name of ['grader1', 'grader2', 'grader3']) {
    ids[name] = await userIdOf(t.database.db, `${name}@demo.test`);
    cookies[name] = await loginAs(t.app, `${name}@demo.test`);
  }
});
afterAll(() => t.close());

async function itemsOf(attemptId: string) {
  return t.database.db
    .select()
    .from(gradingItems)
    .where(eq(gradingItems.attemptId, attemptId))
    .orderBy(gradingItems.vignette);
}

async function readingsOf(itemId: string) {
  return t.database.db
    .select()
    .from(gradingAssignments)
    .where(eq(gradingAssignments.itemId, itemId));
}

async function currentRubric(variant: string): Promise<Rubric> {
  const list = await call(t.app, admin, 'GET', '/api/grading/rubrics');
  return (list.json().rubrics as Rubric[]).find((r) => r.variant === variant && r.current)!;
}

async function view(grader: string, code: string): Promise<GradingResponseView> {
  const response = await call(t.app, cookies[grader]!, 'GET', `/api/grading/queue/${code}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Every grader declares a conflict with the candidate: their responses wait with no reader. */
async function nobodyMayRead(email: string) {
  for (const name of ['grader1', 'grader2', 'grader3']) {
    const declared = await call(t.app, cookies[name]!, 'POST', '/api/grading/conflicts', {
      candidateEmail: email,
      reason: 'Supervised them',
    });
    expect(declared.statusCode, declared.body).toBe(204);
  }
}

/** A new version with the same criteria, one descriptor reworded: a sheet would still fit it. */
async function newVersion(rubric: Rubric, title: string) {
  const [first, ...rest] = rubric.criteria;
  const reworded = {
    ...first!,
    levels: first!.levels.map((l) =>
      l.score === 3 ? { ...l, descriptor: `${l.descriptor} (reworded)` } : l,
    ),
  };
  return call(t.app, admin, 'POST', '/api/grading/rubrics', {
    variant: rubric.variant,
    content: { title, criteria: [reworded, ...rest], passingRule: rubric.passingRule },
  });
}

describe('a rubric version pinned per response', () => {
  let v1: Rubric;
  let v2: Rubric;
  let held: Awaited<ReturnType<typeof itemsOf>>;
  let waiting: Awaited<ReturnType<typeof itemsOf>>;

  it('keeps held responses, and all three of their readings, on the version they were given with', async () => {
    v1 = await currentRubric('clinical');
    // Casey's two responses go to grader1 and grader2; grader1 opens the first and reads version 1.
    const casey = await sitExam(t.app, t.database.db, 'candidate@demo.test', {
      responses: { 1: 'Casey on the parallel process', 2: 'Casey on repair' },
      chosen: [1, 2],
    });
    held = await itemsOf(casey.attemptId);
    for (const item of held)
      expect((await readingsOf(item.id)).map((r) => r.graderId).sort()).toEqual(
        [ids.grader1, ids.grader2].sort(),
      );
    const [r1] = held;
    expect((await view('grader1', r1!.code)).rubric).toMatchObject({ version: 1, title: v1.title });
    // The mentor's responses wait for a reader: every grader has a conflict with them.
    await nobodyMayRead('mentor.clinical@demo.test');
    const mentor = await sitExam(t.app, t.database.db, 'mentor.clinical@demo.test', {
      responses: { 1: 'Mentor on the parallel process', 2: 'Mentor on repair' },
      chosen: [1, 2],
    });
    waiting = await itemsOf(mentor.attemptId);
    for (const item of waiting) expect(await readingsOf(item.id)).toEqual([]);

    // The administrator saves version 2 while grader1 has the response open.
    const created = await newVersion(v1, 'Clinical vignette rubric (v2)');
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as RubricVersionCreatedResponse;
    v2 = body.rubric;
    expect(v2).toMatchObject({ version: 2, current: true, scoringStartedAt: null });
    // Told what it took over: the two waiting responses; Casey's two (four open readings) stay.
    expect(body.takeover).toEqual({ responsesMoved: 2, responsesKept: 2, readingsInProgress: 4 });
    for (const item of waiting)
      expect((await itemsOf(mentor.attemptId)).find((i) => i.id === item.id)!.rubricId).toBe(v2.id);
    for (const item of await itemsOf(casey.attemptId)) expect(item.rubricId).toBe(v1.id);
    const [versionAudit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'rubric.version_created'), eq(auditLog.subjectId, v2.id)));
    expect(versionAudit!.details).toMatchObject({
      version: 2,
      responsesMoved: 2,
      responsesKept: 2,
      readingsInProgress: 4,
    });

    // grader1 submits what they scored, with version 1: it is stored as a version 1 reading.
    const first = await call(
      t.app,
      cookies.grader1!,
      'POST',
      `/api/grading/queue/${r1!.code}/submit`,
      sheet(clinical, 3, { rubricVersion: 1 }),
    );
    expect(first.statusCode, first.body).toBe(200);

    // A sheet made with version 2 is refused, submitted or saved as a draft, and stores nothing.
    for (const [method, path] of [
      ['POST', 'submit'],
      ['PUT', 'draft'],
    ] as const) {
      const refused = await call(
        t.app,
        cookies.grader2!,
        method,
        `/api/grading/queue/${r1!.code}/${path}`,
        sheet(clinical, 1, { rubricVersion: 2 }),
      );
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'RUBRIC_VERSION_MISMATCH',
        message: expect.stringContaining('version 1'),
      });
    }
    const untouched = (await readingsOf(r1!.id)).find((r) => r.graderId === ids.grader2)!;
    expect([untouched.status, untouched.scores, untouched.rubricId]).toEqual([
      'assigned',
      {},
      null,
    ]);

    // The second reader sees version 1 and scores with it; two levels apart, so a third reading.
    const second = await view('grader2', r1!.code);
    expect(second.rubric).toMatchObject({ version: 1, title: v1.title });
    expect(second.rubric.criteria).toEqual(v1.criteria);
    const disagreeing = await call(
      t.app,
      cookies.grader2!,
      'POST',
      `/api/grading/queue/${r1!.code}/submit`,
      sheet(clinical, 1, { rubricVersion: 1 }),
    );
    expect(disagreeing.statusCode, disagreeing.body).toBe(200);
    expect((await itemsOf(casey.attemptId))[0]!.status).toBe('adjudicating');

    // The third reader, given the response after version 2 exists, scores with version 1 too.
    const third = await view('grader3', r1!.code);
    expect(third).toMatchObject({ role: 'adjudicator', rubric: { version: 1 } });
    const refusedThird = await call(
      t.app,
      cookies.grader3!,
      'POST',
      `/api/grading/queue/${r1!.code}/submit`,
      sheet(clinical, 2, { rubricVersion: 2 }),
    );
    expect(refusedThird.json().error.code).toBe('RUBRIC_VERSION_MISMATCH');
    const adjudicated = await call(
      t.app,
      cookies.grader3!,
      'POST',
      `/api/grading/queue/${r1!.code}/submit`,
      sheet(clinical, 2, { rubricVersion: 1 }),
    );
    expect(adjudicated.statusCode, adjudicated.body).toBe(200);
    const [final] = await itemsOf(casey.attemptId);
    expect([final!.status, final!.rubricId]).toEqual(['final', v1.id]);

    // Each stored reading names the version it was made with, and so does its audit entry.
    const readings = await readingsOf(r1!.id);
    expect(readings.map((r) => [r.role, r.status, r.rubricId]).sort()).toEqual(
      [
        ['adjudicator', 'submitted', v1.id],
        ['reader', 'submitted', v1.id],
        ['reader', 'submitted', v1.id],
      ].sort(),
    );
    const submittedAudit = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'grading.reading_submitted'), eq(auditLog.subjectId, r1!.code)),
      );
    expect(submittedAudit.map((a) => a.details)).toEqual(
      [1, 2, 3].map(() => expect.objectContaining({ rubricId: v1.id, rubricVersion: 1 })),
    );

    // The database itself refuses to move a response with a stored reading to another version.
    const moved = await t.database.db
      .update(gradingItems)
      .set({ rubricId: v2.id })
      .where(eq(gradingItems.id, r1!.id))
      .catch((error: unknown) => error);
    expect(moved).toMatchObject({
      cause: { constraint: 'grading_assignments_scored_with_pinned_rubric' },
    });
  });

  it('locks a version once a response on it is given to a reader', async () => {
    // Nobody holds a response on version 2 yet: it may still change in place.
    const edited = await call(t.app, admin, 'PUT', `/api/grading/rubrics/${v2.id}`, {
      content: {
        title: 'Clinical vignette rubric, second edition',
        criteria: v2.criteria,
        passingRule: v2.passingRule,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);

    // grader1's conflict is lifted and they qualify on version 2: they are given the waiting
    // responses, and from then on version 2 is locked.
    const lifted = await call(
      t.app,
      admin,
      'POST',
      `/api/grading/graders/${ids.grader1}/conflicts/remove`,
      { candidateEmail: 'mentor.clinical@demo.test' },
    );
    expect(lifted.statusCode, lifted.body).toBe(200);
    const decided = await call(t.app, chiefGrader, 'POST', '/api/grading/qualifications/decide', {
      graderId: ids.grader1,
      variant: 'clinical',
      qualified: true,
      note: 'Read the new version with the chief grader',
    });
    expect(decided.statusCode, decided.body).toBe(204);
    await t.app.grading.routing.sweep();
    for (const item of waiting)
      expect((await readingsOf(item.id)).map((r) => r.graderId)).toEqual([ids.grader1]);
    const [row] = await t.database.db.select().from(rubrics).where(eq(rubrics.id, v2.id));
    expect(row!.scoringStartedAt).not.toBeNull();

    const locked = await call(t.app, admin, 'PUT', `/api/grading/rubrics/${v2.id}`, {
      content: {
        title: 'Changed while graders hold it',
        criteria: v2.criteria,
        passingRule: v2.passingRule,
      },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('RUBRIC_LOCKED');
    expect((await view('grader1', waiting[0]!.code)).rubric).toMatchObject({
      version: 2,
      title: 'Clinical vignette rubric, second edition',
    });
  });

  it('leaves a response on its version when a reader is given it while the new version is saved', async () => {
    await nobodyMayRead('mentor.policy@demo.test');
    const mentor = await sitExam(t.app, t.database.db, 'mentor.policy@demo.test', {
      responses: { 1: 'Fund reflective supervision', 2: 'Train the workforce' },
      chosen: [1, 2],
    });
    const [claimed, free] = await itemsOf(mentor.attemptId);
    const p1 = await currentRubric('policy');
    expect([claimed!.rubricId, free!.rubricId]).toEqual([p1.id, p1.id]);

    // Routing gives `claimed` a reader under the response's lock, as it always does, and has not
    // committed when the administrator saves version 2.
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const routing = t.database.db.transaction(async (tx) => {
      const item = await itemsRepo.lockItem(tx, claimed!.id);
      await itemsRepo.insertAssignment(tx, {
        itemId: item!.id,
        graderId: ids.grader2!,
        role: 'reader',
        orderKey: 'race',
        assignedAt: t.clock.now(),
      });
      locked();
      await gate;
    });
    await holding;
    const saving = newVersion(p1, 'Policy vignette rubric (v2)');
    // The save waits for the response's lock before it decides anything about it.
    await vi.waitFor(async () => {
      const waits = await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      expect(waits[0]!.n).toBeGreaterThan(0);
    }, 10_000);
    commit();
    await routing;
    const created = await saving;
    expect(created.statusCode, created.body).toBe(201);
    const p2 = (created.json() as RubricVersionCreatedResponse).rubric;
    expect(created.json().takeover).toEqual({
      responsesMoved: 1,
      responsesKept: 1,
      readingsInProgress: 1,
    });
    const after = await t.database.db
      .select()
      .from(gradingItems)
      .where(inArray(gradingItems.id, [claimed!.id, free!.id]));
    expect(new Map(after.map((i) => [i.id, i.rubricId]))).toEqual(
      new Map([
        [claimed!.id, p1.id],
        [free!.id, p2.id],
      ]),
    );
    // Version 2 is not held by anyone, so still editable; version 1 is held, so sheets for it fit.
    const policySheet = await call(
      t.app,
      cookies.grader2!,
      'PUT',
      `/api/grading/queue/${claimed!.code}/draft`,
      sheet(policy, 2, { rubricVersion: p1.version }),
    );
    expect(policySheet.statusCode, policySheet.body).toBe(200);
  });
});
