import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gradingAssignments,
  gradingItems,
  gradingNotifications,
  graderPauses,
  seedReadings,
} from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Seeded responses: benchmarks mixed into a live queue look exactly like live responses in every
 * grader-facing payload, their scores never reach a result, and drifting from them pauses.
 */
let t: TestApp;
let grader: string;
let graderId: string;
let seedCodes: string[];
let liveCodes: string[];
const clinical = demoRubrics.clinical.criteria.map((c) => c.id);

/** The shape of a JSON value: its keys (recursively) and value types, not the values. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  return value === null ? 'null' : typeof value;
}

beforeAll(async () => {
  t = await createTestApp();
  const chief = await loginAs(t.app, 'chief.grader@demo.test');
  const admin = await loginAs(t.app, 'admin@demo.test');
  await sitExam(t.app, t.database.db, 'candidate@demo.test', {
    responses: { 1: 'Benchmark text one', 2: 'Benchmark text two' },
    chosen: [1, 2],
  });
  for (const email of ['grader1@demo.test', 'grader2@demo.test']) {
    const cookie = await loginAs(t.app, email);
    for (const entry of (await call(t.app, cookie, 'GET', '/api/grading/queue')).json().entries) {
      const url = `/api/grading/queue/${entry.code}/submit`;
      expect((await call(t.app, cookie, 'POST', url, sheet(clinical, 3))).statusCode).toBe(200);
    }
    // From now on only the new grader (and the adjudicator) read Clinical.
    const id = await userIdOf(t.database.db, email);
    await call(t.app, admin, 'PUT', `/api/grading/graders/${id}`, {
      variants: ['policy'],
      adjudicator: false,
    });
  }
  const sources = (await call(t.app, chief, 'GET', '/api/grading/benchmark-sources')).json();
  for (const [index, source] of sources.sources.entries()) {
    const created = await call(t.app, chief, 'POST', '/api/grading/benchmarks', {
      code: source.code,
      title: `Seed ${index + 1}`,
      agreed: clinical.map((criterionId) => ({ criterionId, level: 3, rationale: 'Agreed' })),
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  const settings = (await call(t.app, chief, 'GET', '/api/grading/calibration-settings')).json();
  const put = await call(t.app, chief, 'PUT', '/api/grading/calibration-settings', {
    ...(settings as object),
    seedEvery: 2,
    seedMinimum: 1,
  });
  expect(put.statusCode, put.body).toBe(204);

  const created = await call(t.app, admin, 'POST', '/api/users', {
    email: 'seeded@demo.test',
    displayName: 'Sam Seeded',
    password: 'demo-password-2026',
    roles: ['grader'],
  });
  graderId = created.json().user.id;
  await call(t.app, admin, 'PUT', `/api/grading/graders/${graderId}`, {
    variants: ['clinical'],
    adjudicator: false,
  });
  const decided = await call(t.app, admin, 'POST', '/api/grading/qualifications/decide', {
    graderId,
    variant: 'clinical',
    qualified: true,
    note: 'Experienced',
  });
  expect(decided.statusCode).toBe(204);
  grader = await loginAs(t.app, 'seeded@demo.test');
  await sitExam(t.app, t.database.db, 'mentor.clinical@demo.test', {
    responses: { 1: 'Live text one', 2: 'Live text two' },
    chosen: [1, 2],
  });
  const seeds = await t.database.db
    .select()
    .from(seedReadings)
    .where(eq(seedReadings.graderId, graderId));
  seedCodes = seeds.map((s) => s.code);
  const live = await t.database.db
    .select({ code: gradingItems.code })
    .from(gradingAssignments)
    .innerJoin(gradingItems, eq(gradingItems.id, gradingAssignments.itemId))
    .where(eq(gradingAssignments.graderId, graderId));
  liveCodes = live.map((l) => l.code);
});
afterAll(() => t.close());

describe('seeded responses', () => {
  it('mixes one seed into every two queue entries, indistinguishable in the queue and the item', async () => {
    expect(liveCodes).toHaveLength(2);
    expect(seedCodes).toHaveLength(2);
    const queue = await call(t.app, grader, 'GET', '/api/grading/queue');
    const entries = queue.json().entries as { code: string }[];
    expect(entries.map((e) => e.code).sort()).toEqual([...liveCodes, ...seedCodes].sort());
    const seedEntry = entries.find((e) => seedCodes.includes(e.code));
    const liveEntry = entries.find((e) => liveCodes.includes(e.code));
    expect(shape(seedEntry)).toEqual(shape(liveEntry));
    expect(seedEntry).toMatchObject({ role: 'reader', status: 'new', variant: 'clinical' });
    for (const code of seedCodes) expect(code).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{8}$/);

    const seedView = await call(t.app, grader, 'GET', `/api/grading/queue/${seedCodes[0]}`);
    const liveView = await call(t.app, grader, 'GET', `/api/grading/queue/${liveCodes[0]}`);
    expect(seedView.statusCode).toBe(200);
    expect(shape(seedView.json())).toEqual(shape(liveView.json()));
    expect(Object.keys(seedView.headers).sort()).toEqual(Object.keys(liveView.headers).sort());

    // Annotating: the same answers for a seed as for a live response, list, add and remove.
    const notes = (code: string) =>
      call(t.app, grader, 'GET', `/api/grading/queue/${code}/annotations`);
    const annotate = (code: string) =>
      call(t.app, grader, 'POST', `/api/grading/queue/${code}/annotations`, {
        start: 0,
        end: 4,
        comment: 'Opens with the case.',
      });
    for (const code of [seedCodes[0]!, liveCodes[0]!]) {
      const empty = await notes(code);
      expect([empty.statusCode, empty.json()]).toEqual([200, { own: [], others: [] }]);
    }
    const seedNote = await annotate(seedCodes[0]!);
    const liveNote = await annotate(liveCodes[0]!);
    expect([seedNote.statusCode, liveNote.statusCode]).toEqual([201, 201]);
    expect(shape(seedNote.json())).toEqual(shape(liveNote.json()));
    expect(seedNote.json().annotation.quote).toHaveLength(4);
    const seedList = await notes(seedCodes[0]!);
    const liveList = await notes(liveCodes[0]!);
    expect(shape(seedList.json())).toEqual(shape(liveList.json()));
    expect(seedList.json().own.map((a: { id: string }) => a.id)).toEqual([
      seedNote.json().annotation.id,
    ]);
    const outside = (code: string) =>
      call(t.app, grader, 'POST', `/api/grading/queue/${code}/annotations`, {
        start: 0,
        end: 100_000,
        comment: 'Too far',
      });
    expect((await outside(seedCodes[0]!)).json()).toEqual((await outside(liveCodes[0]!)).json());
    const removeNote = (code: string, id: string) =>
      call(t.app, grader, 'DELETE', `/api/grading/queue/${code}/annotations/${id}`);
    const seedRemoved = await removeNote(seedCodes[0]!, seedNote.json().annotation.id);
    const liveRemoved = await removeNote(liveCodes[0]!, liveNote.json().annotation.id);
    expect([seedRemoved.statusCode, liveRemoved.statusCode]).toEqual([204, 204]);
    expect((await notes(seedCodes[0]!)).json().own).toEqual([]);

    const draft = (code: string) =>
      call(t.app, grader, 'PUT', `/api/grading/queue/${code}/draft`, sheet(clinical, 2));
    const seedDraft = await draft(seedCodes[0]!);
    const liveDraft = await draft(liveCodes[0]!);
    expect(shape(seedDraft.json())).toEqual(shape(liveDraft.json()));
    const submit = (code: string, level: number) =>
      call(t.app, grader, 'POST', `/api/grading/queue/${code}/submit`, sheet(clinical, level));
    const seedSubmit = await submit(seedCodes[0]!, 3);
    const liveSubmit = await submit(liveCodes[0]!, 3);
    expect(seedSubmit.statusCode).toBe(200);
    expect(shape(seedSubmit.json())).toEqual(shape(liveSubmit.json()));
    expect(seedSubmit.json()).toEqual(liveSubmit.json());
  });

  it('never lets a seed score reach a response, a reading or a result', async () => {
    const items = await t.database.db
      .select()
      .from(gradingItems)
      .where(inArray(gradingItems.code, seedCodes));
    expect(items).toEqual([]);
    const readings = await t.database.db
      .select()
      .from(gradingAssignments)
      .where(eq(gradingAssignments.graderId, graderId));
    // Results are computed from items and their readings only: the seeds are in neither.
    expect(readings).toHaveLength(2);
    expect(readings.every((r) => liveCodes.length === 2 && r.itemId)).toBe(true);
  });

  it('pauses a grader who falls below the threshold, takes back their open work and notifies', async () => {
    // 3 of 6 comparisons exact over the two seeds: below 70%.
    const off = await call(
      t.app,
      grader,
      'POST',
      `/api/grading/queue/${seedCodes[1]}/submit`,
      sheet(clinical, 1),
    );
    expect(off.statusCode).toBe(200);
    const pauses = await t.database.db
      .select()
      .from(graderPauses)
      .where(eq(graderPauses.graderId, graderId));
    expect(pauses).toHaveLength(1);
    expect(pauses[0]!.details).toMatchObject({ seeds: 2, exactPercent: 50, adjacentPercent: 50 });
    const notes = await t.database.db
      .select()
      .from(gradingNotifications)
      .where(eq(gradingNotifications.graderId, graderId));
    expect(notes.map((n) => n.kind)).toEqual(['grader.paused']);
    const open = await call(t.app, grader, 'GET', `/api/grading/queue/${liveCodes[1]}`);
    expect(open.statusCode).toBe(403);
    expect(open.json().error.code).toBe('GRADER_PAUSED');
    const seedOpen = await call(t.app, grader, 'GET', `/api/grading/queue/${seedCodes[0]}`);
    expect(seedOpen.json().error.code).toBe('GRADER_PAUSED');
    // The unsubmitted live reading went back to routing; the submitted one stays for review.
    const readings = await t.database.db
      .select()
      .from(gradingAssignments)
      .where(eq(gradingAssignments.graderId, graderId));
    expect(readings.map((r) => r.status)).toEqual(['submitted']);
    const pool = await t.app.grading.routing.loadPool();
    expect(pool.graders.some((g) => g.id === graderId)).toBe(false);
  });
});

describe('rater monitoring', () => {
  it('shows the figures and the pause, sends a reading to another reader and lifts the pause', async () => {
    // The grading standard is the programme's: its chief grader acts on a pause (issue 20).
    const coordinator = await loginAs(t.app, 'coordinator@demo.test');
    const chief = await loginAs(t.app, 'chief.grader@demo.test');
    const overview = await call(t.app, coordinator, 'GET', '/api/grading/monitoring');
    expect(overview.statusCode, overview.body).toBe(200);
    const mine = overview.json().graders.find((g: { graderId: string }) => g.graderId === graderId);
    expect(mine).toMatchObject({ responsesScored: 1, seeds: { comparisons: 6, exact: 0.5 } });
    expect(mine.pauseId).toEqual(expect.any(String));
    expect(overview.json().notifications[0]).toMatchObject({ kind: 'grader.paused' });

    const review = await call(
      t.app,
      coordinator,
      'GET',
      `/api/grading/monitoring/pauses/${mine.pauseId}`,
    );
    expect(review.json().readings.map((r: { code: string }) => r.code)).toEqual([liveCodes[0]]);
    // A grader keeps no part of the standard: moving a paused grader's readings is refused.
    const refused = await call(
      t.app,
      await loginAs(t.app, 'grader2@demo.test'),
      'POST',
      '/api/grading/monitoring/send-to-another-reader',
      { code: liveCodes[0], graderId, reason: 'Not mine to move' },
    );
    expect(refused.statusCode).toBe(403);
    const sent = await call(
      t.app,
      chief,
      'POST',
      '/api/grading/monitoring/send-to-another-reader',
      {
        code: liveCodes[0],
        graderId,
        reason: 'Paused for drifting from the seeds',
      },
    );
    expect(sent.statusCode, sent.body).toBe(204);
    const left = await t.database.db
      .select()
      .from(gradingAssignments)
      .where(eq(gradingAssignments.graderId, graderId));
    expect(left).toEqual([]);

    const lifted = await call(
      t.app,
      chief,
      'POST',
      `/api/grading/monitoring/pauses/${mine.pauseId}/lift`,
      {
        note: 'Talked it through',
      },
    );
    expect(lifted.statusCode).toBe(204);
    const pool = await t.app.grading.routing.loadPool();
    expect(pool.graders.some((g) => g.id === graderId)).toBe(true);
  });
});
