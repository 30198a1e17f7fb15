import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  gradingAssignments,
  gradingIntake,
  gradingItems,
} from '../src/db/schema/index.js';
import { selectGradable } from '../src/modules/delivery/index.js';
import { call, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

let t: TestApp;
const ids: Record<string, string> = {};
let programmeAdmin: string;

const words = (n: number, word = 'observe') => Array.from({ length: n }, () => word).join(' ');

beforeAll(async () => {
  t = await createTestApp();
  for (const email of ['grader1', 'grader2', 'grader3'])
    ids[email] = await userIdOf(t.database.db, `${email}@demo.test`);
  // Grader qualifications are the programme's: its administrator sets them (issue 20).
  programmeAdmin = await loginAs(t.app, 'admin@demo.test');
});
afterAll(() => t.close());

async function readingsOf(attemptId: string) {
  const items = await t.database.db
    .select()
    .from(gradingItems)
    .where(eq(gradingItems.attemptId, attemptId));
  const readings = items.length
    ? await t.database.db
        .select()
        .from(gradingAssignments)
        .where(
          inArray(
            gradingAssignments.itemId,
            items.map((i) => i.id),
          ),
        )
    : [];
  return items.map((item) => ({
    item,
    readers: readings
      .filter((r) => r.itemId === item.id && r.role === 'reader')
      .map((r) => r.graderId)
      .sort(),
  }));
}

async function setGrader(email: string, variants: string[], adjudicator: boolean) {
  const response = await call(t.app, programmeAdmin, 'PUT', `/api/grading/graders/${ids[email]}`, {
    variants,
    adjudicator,
  });
  expect(response.statusCode).toBe(200);
}

describe('the selection rule for automatic closes', () => {
  it('takes chosen responses first, then the longest unchosen ones, never empty, never more than required', () => {
    const stored = [
      { vignette: 1, words: 50 },
      { vignette: 2, words: 300 },
      { vignette: 3, words: 120 },
    ];
    expect(selectGradable(stored, [1, 2], 2)).toEqual([2, 1]);
    expect(selectGradable(stored, [1], 2)).toEqual([1, 2]);
    expect(selectGradable(stored, [1, 2, 3], 2)).toEqual([2, 3]);
    expect(selectGradable(stored, [], 2)).toEqual([2, 3]);
    expect(selectGradable([{ vignette: 1, words: 0 }, ...stored.slice(2)], [1], 2)).toEqual([3]);
    expect(selectGradable([], [1, 2], 2)).toEqual([]);
  });
});

describe('routing', () => {
  it('gives each chosen response to two first readers on submit, keeping the adjudicator free', async () => {
    const { attemptId } = await sitExam(t.app, t.database.db, 'candidate@demo.test', {
      responses: { 1: words(40), 2: words(60), 3: words(10) },
      chosen: [1, 3],
    });
    const routed = await readingsOf(attemptId);
    expect(routed.map((r) => r.item.vignette).sort()).toEqual([1, 3]);
    for (const { item, readers } of routed) {
      expect(item.code).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(item.variant).toBe('clinical');
      expect(readers).toEqual([ids.grader1, ids.grader2].sort());
    }
  });

  it('routes only to graders qualified for the variant, using an adjudicator as first reader only when needed', async () => {
    await setGrader('grader2', ['clinical'], false);
    const { attemptId } = await sitExam(t.app, t.database.db, 'mentor.policy@demo.test', {
      responses: { 1: words(30), 2: words(30) },
      chosen: [1, 2],
    });
    for (const { item, readers } of await readingsOf(attemptId)) {
      expect(item.variant).toBe('policy');
      expect(readers).toEqual([ids.grader1, ids.grader3].sort());
    }
    await setGrader('grader2', ['clinical', 'policy', 'research-faculty'], false);
  });

  it('never routes to a grader who declared a conflict with the candidate, and takes back open readings when one is declared', async () => {
    const grader1 = await loginAs(t.app, 'grader1@demo.test');
    const declared = await call(t.app, grader1, 'POST', '/api/grading/conflicts', {
      candidateEmail: 'Mentor.Research@demo.test',
      reason: 'My reflective supervision supervisee',
    });
    expect(declared.statusCode).toBe(204);
    // The answer for an address nobody holds is the same: declaring reveals nothing.
    const unknown = await call(t.app, grader1, 'POST', '/api/grading/conflicts', {
      candidateEmail: 'nobody@example.test',
      reason: 'A former colleague',
    });
    expect(unknown.statusCode).toBe(204);

    const { attemptId } = await sitExam(t.app, t.database.db, 'mentor.research@demo.test', {
      responses: { 1: words(30), 2: words(30) },
      chosen: [1, 2],
    });
    for (const { readers } of await readingsOf(attemptId)) {
      expect(readers).not.toContain(ids.grader1);
      expect(readers).toEqual([ids.grader2, ids.grader3].sort());
    }

    // grader2 now declares a conflict with Casey, whose responses they hold unsubmitted.
    const casey = (
      await t.app.exam.delivery.openForCandidate(
        await userIdOf(t.database.db, 'candidate@demo.test'),
      )
    ).attemptId;
    const grader2 = await loginAs(t.app, 'grader2@demo.test');
    await call(t.app, grader2, 'POST', '/api/grading/conflicts', {
      candidateEmail: 'candidate@demo.test',
      reason: 'Works in my team',
    });
    for (const { readers } of await readingsOf(casey)) {
      expect(readers).toEqual([ids.grader1, ids.grader3].sort());
    }
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'grader.conflict_declared'));
    expect(entries.map((e) => e.actorId)).toEqual([ids.grader1, ids.grader1, ids.grader2]);
    const list = await call(t.app, grader2, 'GET', '/api/grading/conflicts');
    expect(list.json().conflicts).toEqual([
      expect.objectContaining({
        candidateEmail: 'candidate@demo.test',
        reason: 'Works in my team',
      }),
    ]);
  });

  it('is idempotent, and a Part Two closed while nobody listened is taken in by the sweep', async () => {
    await t.app.grading.stop();
    const { attemptId } = await sitExam(t.app, t.database.db, 'mentor.clinical@demo.test', {
      // An automatic close with three responses and one chosen: the chosen one, then the longest.
      responses: { 1: words(20), 2: words(80), 3: words(50) },
      chosen: [1],
      close: 'expired',
    });
    expect(await readingsOf(attemptId)).toEqual([]);

    await t.app.grading.start();
    await t.app.grading.routing.sweep();
    await t.app.grading.routing.sweep();
    await t.app.grading.routing.intake(attemptId);
    const routed = await readingsOf(attemptId);
    expect(routed.map((r) => r.item.vignette).sort()).toEqual([1, 2]);
    for (const { readers } of routed) expect(readers).toHaveLength(2);
    const intake = await t.database.db
      .select()
      .from(gradingIntake)
      .where(eq(gradingIntake.attemptId, attemptId));
    expect(intake).toEqual([expect.objectContaining({ required: 2, gradable: 2 })]);
    const all = await t.database.db.select().from(gradingAssignments);
    const perItem = new Map<string, number>();
    for (const a of all) perItem.set(a.itemId, (perItem.get(a.itemId) ?? 0) + 1);
    expect([...perItem.values()].every((n) => n === 2)).toBe(true);
  });
});

describe('balance', () => {
  it('spreads first readings evenly across qualified graders', async () => {
    const b = await createTestApp();
    try {
      const admin = await loginAs(b.app, 'admin@demo.test');
      const graderIds: string[] = [];
      for (const name of ['four', 'five']) {
        const created = await call(b.app, admin, 'POST', '/api/users', {
          email: `grader.${name}@demo.test`,
          displayName: `Grader ${name}`,
          password: 'a-long-enough-password',
          roles: ['grader'],
        });
        expect(created.statusCode).toBe(201);
        graderIds.push(created.json().user.id);
      }
      for (const id of graderIds) {
        await call(b.app, admin, 'PUT', `/api/grading/graders/${id}`, {
          variants: ['clinical'],
          adjudicator: false,
        });
        // New graders read live responses only once qualified; here a coordinator decides.
        const decided = await call(b.app, admin, 'POST', '/api/grading/qualifications/decide', {
          graderId: id,
          variant: 'clinical',
          qualified: true,
          note: 'Qualified on another programme',
        });
        expect(decided.statusCode).toBe(204);
      }
      for (const email of ['candidate@demo.test', 'mentor.clinical@demo.test']) {
        await sitExam(b.app, b.database.db, email, {
          responses: { 1: words(30), 2: words(40) },
          chosen: [1, 2],
        });
      }
      const readings = await b.database.db.select().from(gradingAssignments);
      const load = new Map<string, number>();
      for (const r of readings) load.set(r.graderId, (load.get(r.graderId) ?? 0) + 1);
      // Four responses, two readings each, four non-adjudicating graders: two each.
      expect(readings).toHaveLength(8);
      expect([...load.values()]).toEqual([2, 2, 2, 2]);
      expect(load.has(await userIdOf(b.database.db, 'grader3@demo.test'))).toBe(false);
    } finally {
      await b.close();
    }
  });
});
