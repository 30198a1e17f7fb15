import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkDetail, QualificationRoundView } from '@exam/shared/api';
import { gradingAssignments, gradingItems, gradingNotifications } from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Benchmark responses and qualification: a chief grader makes benchmarks from finally scored
 * responses (anonymised copies), a new grader qualifies on a set before any live response is
 * routed to them, one retry, then the chief grader decides; qualifications expire.
 */
let t: TestApp;
let chief: string;
let admin: string;
let coordinator: string;
/** Decides qualifications: the grading standard is the programme's (issue 20). */
let chiefGrader: string;
const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
const benchmarks: BenchmarkDetail[] = [];
const secrets: string[] = [];

async function newGrader(name: string, variants: string[]) {
  const created = await call(t.app, admin, 'POST', '/api/users', {
    email: `${name}@demo.test`,
    displayName: `Grader ${name}`,
    password: 'demo-password-2026',
    roles: ['grader'],
  });
  expect(created.statusCode, created.body).toBe(201);
  const id: string = created.json().user.id;
  const set = await call(t.app, admin, 'PUT', `/api/grading/graders/${id}`, {
    variants,
    adjudicator: false,
  });
  expect(set.statusCode).toBe(200);
  return { id, cookie: await loginAs(t.app, `${name}@demo.test`) };
}

async function scoreRound(cookie: string, view: QualificationRoundView, levelOf: LevelOf) {
  for (const response of view.responses) {
    const saved = await call(
      t.app,
      cookie,
      'PUT',
      `/api/grading/qualification/${view.id}/responses/${response.position}`,
      {
        levels: clinical.map((criterionId) => ({
          criterionId,
          level: levelOf(response, criterionId),
        })),
      },
    );
    expect(saved.statusCode, saved.body).toBe(204);
  }
  const finished = await call(
    t.app,
    cookie,
    'POST',
    `/api/grading/qualification/${view.id}/finish`,
  );
  expect(finished.statusCode, finished.body).toBe(200);
  return finished.json() as QualificationRoundView;
}
type LevelOf = (
  response: QualificationRoundView['responses'][number],
  criterionId: string,
) => number;

/** The agreed level of the benchmark a set response copies, found by its text. */
function agreedOf(response: QualificationRoundView['responses'][number], criterionId: string) {
  const benchmark = benchmarks.find((b) => b.responseHtml === response.responseHtml);
  return benchmark!.agreed.find((a) => a.criterionId === criterionId)!.level;
}

async function startRound(cookie: string, variant = 'clinical') {
  const started = await call(t.app, cookie, 'POST', '/api/grading/qualification', { variant });
  expect(started.statusCode, started.body).toBe(201);
  const view = await call(
    t.app,
    cookie,
    'GET',
    `/api/grading/qualification/${started.json().roundId}`,
  );
  return view.json() as QualificationRoundView;
}

async function stateOf(cookie: string, variant = 'clinical') {
  const mine = (await call(t.app, cookie, 'GET', '/api/grading/qualification')).json();
  return mine.variants.find((v: { variant: string }) => v.variant === variant);
}

beforeAll(async () => {
  t = await createTestApp();
  chief = await loginAs(t.app, 'chief.grader@demo.test');
  admin = await loginAs(t.app, 'admin@demo.test');
  coordinator = await loginAs(t.app, 'coordinator@demo.test');
  chiefGrader = await loginAs(t.app, 'chief.grader@demo.test');
  // Two clinical candidates, two responses each, scored by the demo's two readers: four final
  // responses to make benchmarks from.
  for (const [email, words] of [
    ['candidate@demo.test', ['Casey first answer', 'Casey second answer']],
    ['mentor.clinical@demo.test', ['Mentor first answer', 'Mentor second answer']],
  ] as const) {
    const sat = await sitExam(t.app, t.database.db, email, {
      responses: { 1: words[0], 2: words[1] },
      chosen: [1, 2],
    });
    secrets.push(sat.attemptId, sat.candidateId);
  }
  for (const grader of ['grader1@demo.test', 'grader2@demo.test']) {
    const cookie = await loginAs(t.app, grader);
    secrets.push(await userIdOf(t.database.db, grader));
    for (const entry of (await call(t.app, cookie, 'GET', '/api/grading/queue')).json().entries) {
      const done = await call(
        t.app,
        cookie,
        'POST',
        `/api/grading/queue/${entry.code}/submit`,
        sheet(clinical, 3),
      );
      expect(done.statusCode, done.body).toBe(200);
    }
  }
  const settings = await call(t.app, chief, 'GET', '/api/grading/calibration-settings');
  expect(settings.json()).toMatchObject({
    qualificationSetSize: 10,
    qualificationExactPercent: 70,
  });
  const put = await call(t.app, chief, 'PUT', '/api/grading/calibration-settings', {
    ...(settings.json() as object),
    qualificationSetSize: 2,
  });
  expect(put.statusCode, put.body).toBe(204);
});
afterAll(() => t.close());

describe('benchmark responses', () => {
  it('copies a final response with agreed scores and rationales, naming nobody', async () => {
    const sources = (await call(t.app, chief, 'GET', '/api/grading/benchmark-sources')).json();
    expect(sources.sources).toHaveLength(4);
    const items = await t.database.db.select().from(gradingItems);
    secrets.push(...items.flatMap((i) => [i.id, i.sittingId]));
    for (const [index, source] of sources.sources.entries()) {
      secrets.push(source.code);
      const created = await call(t.app, chief, 'POST', '/api/grading/benchmarks', {
        code: source.code,
        title: `Benchmark ${index + 1}`,
        agreed: clinical.map((criterionId) => ({
          criterionId,
          level: index % 2 === 0 ? 3 : 2,
          rationale: `Rationale for ${criterionId} on benchmark ${index + 1}`,
        })),
      });
      expect(created.statusCode, created.body).toBe(201);
      benchmarks.push(created.json().benchmark);
    }
    const detail = await call(t.app, chief, 'GET', `/api/grading/benchmarks/${benchmarks[0]!.id}`);
    expect(detail.json().benchmark.responseHtml).toMatch(/answer/);
    for (const secret of secrets) expect(detail.body).not.toContain(secret);
    // An incomplete set of agreed scores is refused: every criterion needs one.
    const partial = await call(
      t.app,
      chief,
      'PUT',
      `/api/grading/benchmarks/${benchmarks[0]!.id}`,
      {
        title: 'Benchmark 1',
        active: true,
        agreed: [{ criterionId: clinical[0], level: 3, rationale: 'Only one' }],
      },
    );
    expect(partial.statusCode).toBe(400);
    // Graders do not reach the benchmarks.
    const grader = await loginAs(t.app, 'grader1@demo.test');
    expect((await call(t.app, grader, 'GET', '/api/grading/benchmarks')).statusCode).toBe(403);
  });
});

describe('qualification', () => {
  it('passes a grader whose agreement reaches the thresholds, then shows where they differed', async () => {
    const { cookie } = await newGrader('passing', ['clinical']);
    expect(await stateOf(cookie)).toMatchObject({ state: 'not-started', setAvailable: true });
    const view = await startRound(cookie);
    expect(view.responses).toHaveLength(2);
    expect(view.result).toBeNull();
    for (const secret of secrets) expect(JSON.stringify(view)).not.toContain(secret);
    // One criterion one level off, everything else agreed: 5 of 6 exact, 6 of 6 adjacent.
    const result = await scoreRound(cookie, view, (response, criterionId) =>
      response.position === 1 && criterionId === clinical[0]
        ? agreedOf(response, criterionId) - 1
        : agreedOf(response, criterionId),
    );
    expect(result.result).toMatchObject({
      qualified: true,
      exactPercent: 83,
      adjacentPercent: 100,
    });
    expect(result.result!.differences).toHaveLength(1);
    expect(result.result!.differences[0]!.rationale).toMatch(/^Rationale for/);
    const state = await stateOf(cookie);
    expect(state.state).toBe('qualified');
    const days = (Date.parse(state.expiresAt) - t.clock.now().getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(365);
  });

  it('fails, retries with another set, then waits for the chief grader, who decides (audited)', async () => {
    const { id, cookie } = await newGrader('failing', ['clinical']);
    const first = await startRound(cookie);
    const wrong: LevelOf = (response, criterionId) =>
      agreedOf(response, criterionId) === 3 ? 1 : 4;
    const failed = await scoreRound(cookie, first, wrong);
    expect(failed.result).toMatchObject({ qualified: false, exactPercent: 0 });
    expect(failed.result!.differences).toHaveLength(2 * clinical.length);
    expect((await stateOf(cookie)).state).toBe('retry');

    const second = await startRound(cookie);
    expect(second.round).toBe(2);
    const firstTexts = first.responses.map((r) => r.responseHtml);
    expect(second.responses.every((r) => !firstTexts.includes(r.responseHtml))).toBe(true);
    await scoreRound(cookie, second, wrong);
    expect((await stateOf(cookie)).state).toBe('awaiting-decision');
    const again = await call(t.app, cookie, 'POST', '/api/grading/qualification', {
      variant: 'clinical',
    });
    expect(again.json().error.code).toBe('QUALIFICATION_NOT_OPEN');
    const notes = await t.database.db
      .select()
      .from(gradingNotifications)
      .where(eq(gradingNotifications.graderId, id));
    expect(notes.map((n) => n.kind)).toEqual(['qualification.decision_needed']);

    const overview = (await call(t.app, coordinator, 'GET', '/api/grading/qualifications')).json();
    expect(overview.rows.find((r: { graderId: string }) => r.graderId === id)).toMatchObject({
      state: 'awaiting-decision',
      rounds: [{ status: 'failed' }, { status: 'failed' }],
    });
    const decide = (qualified: boolean) =>
      call(t.app, chiefGrader, 'POST', '/api/grading/qualifications/decide', {
        graderId: id,
        variant: 'clinical',
        qualified,
        note: qualified ? 'Reviewed the sets together' : 'Not yet',
      });
    expect((await decide(false)).statusCode).toBe(204);
    expect((await stateOf(cookie)).state).toBe('not-qualified');
    expect((await decide(true)).statusCode).toBe(204);
    expect((await stateOf(cookie)).state).toBe('qualified');
  });

  it('draws a retry only from benchmarks the grader has not seen, asking the coordinator for more when short', async () => {
    const setSize = async (qualificationSetSize: number) => {
      const settings = await call(t.app, chief, 'GET', '/api/grading/calibration-settings');
      const put = await call(t.app, chief, 'PUT', '/api/grading/calibration-settings', {
        ...(settings.json() as object),
        qualificationSetSize,
      });
      expect(put.statusCode, put.body).toBe(204);
    };
    await setSize(3);
    try {
      const { id, cookie } = await newGrader('short.pool', ['clinical']);
      const first = await startRound(cookie);
      expect(first.responses).toHaveLength(3);
      // The feedback shows the agreed level of every response of the failed set.
      const failed = await scoreRound(cookie, first, (r, c) => (agreedOf(r, c) === 3 ? 1 : 4));
      expect(failed.result!.differences).toHaveLength(3 * clinical.length);
      // Four benchmarks, three seen: a retry of three cannot be drawn without reusing them.
      expect(await stateOf(cookie)).toMatchObject({ state: 'retry', setAvailable: false });
      const refused = await call(t.app, cookie, 'POST', '/api/grading/qualification', {
        variant: 'clinical',
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'QUALIFICATION_UNAVAILABLE' });
      expect(refused.json().error.message).toMatch(/not already seen/);
      const notes = await t.database.db
        .select()
        .from(gradingNotifications)
        .where(eq(gradingNotifications.graderId, id));
      expect(notes.map((n) => n.kind)).toEqual(['qualification.benchmarks_needed']);
      expect(notes[0]!.message).toMatch(/needs 3 .* not seen; 1 are active/);

      // With a set the unseen benchmarks can fill, the retry holds only the unseen one.
      await setSize(1);
      expect(await stateOf(cookie)).toMatchObject({ state: 'retry', setAvailable: true });
      const retry = await startRound(cookie);
      const seen = first.responses.map((r) => r.responseHtml);
      expect(retry.responses).toHaveLength(1);
      expect(seen).not.toContain(retry.responses[0]!.responseHtml);
    } finally {
      await setSize(2);
    }
  });

  it('routes live responses only to qualified graders, and a qualification expires', async () => {
    // Only the new grader and the adjudicator read Policy now.
    for (const email of ['grader1', 'grader2'])
      await call(
        t.app,
        admin,
        'PUT',
        `/api/grading/graders/${await userIdOf(t.database.db, `${email}@demo.test`)}`,
        {
          variants: ['clinical'],
          adjudicator: false,
        },
      );
    const { id, cookie } = await newGrader('policy.reader', ['policy']);
    const { attemptId } = await sitExam(t.app, t.database.db, 'mentor.policy@demo.test', {
      responses: { 1: 'A policy answer', 2: 'Another policy answer' },
      chosen: [1, 2],
    });
    const readersOf = async () => {
      const items = await t.database.db
        .select()
        .from(gradingItems)
        .where(eq(gradingItems.attemptId, attemptId));
      const rows = await t.database.db.select().from(gradingAssignments);
      return rows.filter((r) => items.some((i) => i.id === r.itemId)).map((r) => r.graderId);
    };
    expect(await readersOf()).not.toContain(id);
    expect((await call(t.app, cookie, 'GET', '/api/grading/queue')).json().entries).toEqual([]);

    const decided = await call(t.app, chiefGrader, 'POST', '/api/grading/qualifications/decide', {
      graderId: id,
      variant: 'policy',
      qualified: true,
      note: 'Experienced reader',
    });
    expect(decided.statusCode).toBe(204);
    expect((await readersOf()).filter((g) => g === id)).toHaveLength(2);
    expect((await call(t.app, cookie, 'GET', '/api/grading/queue')).json().entries).toHaveLength(2);

    t.clock.advance(366 * 86_400_000);
    // The session ran out with the year: sign in again.
    const later = await loginAs(t.app, 'policy.reader@demo.test');
    expect((await stateOf(later, 'policy')).state).toBe('expired');
    const pool = await t.app.grading.routing.loadPool();
    expect(pool.graders.find((g) => g.id === id)!.rubrics.size).toBe(0);
  });
});
