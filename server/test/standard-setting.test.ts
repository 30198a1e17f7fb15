import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BankFormListResponse,
  PanelViewResponse,
  StudyDetail,
  StudyResponse,
} from '@exam/shared/api';
import {
  attemptParts,
  auditLog,
  bankFormItems,
  bankItemVersions,
  enrolments,
  sittings,
  users,
} from '../src/db/schema/index.js';
import { call, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * A study of the demo IMH-E form, two panelists through both rounds, impact data from the demo
 * sitting (two IMH-E candidates: 50 and 40 of 60 right, the first N items right each), and the
 * adoption that is the only way the form's cut changes.
 */
describe('standard setting (modified Angoff)', () => {
  let t: TestApp;
  let editor: string;
  let panelist1: string;
  let panelist2: string;
  let candidate: string;
  let imhForm: string;
  let ecmhForm: string;
  let study: StudyDetail;
  let otherStudy: StudyDetail;
  let sittingId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    editor = await loginAs(t.app, 'admin@demo.test');
    panelist1 = await loginAs(t.app, 'panelist1@demo.test');
    panelist2 = await loginAs(t.app, 'panelist2@demo.test');
    candidate = await loginAs(t.app, 'candidate@demo.test');
    for (const email of ['panelist1@demo.test', 'panelist2@demo.test', 'candidate@demo.test'])
      ids[email] = await userIdOf(t.database.db, email);
    const [open] = await t.database.db.select().from(sittings).where(eq(sittings.status, 'open'));
    sittingId = open!.id;
    imhForm = open!.forms['IMH-E']!;
    ecmhForm = open!.forms['ECMH-E']!;
  });
  afterAll(() => t.close());

  const get = (cookie: string, url: string) => call(t.app, cookie, 'GET', url);
  const post = (cookie: string, url: string, body: object = {}) =>
    call(t.app, cookie, 'POST', url, body);
  const rate = (cookie: string, id: string, body: object) =>
    call(t.app, cookie, 'PUT', `/api/standard-setting/panel/${id}/ratings`, body);

  async function formCut(id: string): Promise<number> {
    const forms: BankFormListResponse = (await get(editor, '/api/bank/forms')).json();
    return forms.forms.find((f) => f.id === id)!.cutScore;
  }

  async function rateAll(cookie: string, id: string, round: 1 | 2, rating: number) {
    for (let position = 1; position <= 60; position += 1) {
      const saved = await rate(cookie, id, { round, position, rating });
      expect(saved.statusCode, saved.body).toBe(200);
    }
  }

  async function auditOf(action: string) {
    return t.database.db.select().from(auditLog).where(eq(auditLog.action, action));
  }

  it('only administrators run studies (coordinators read them); only panelists rate', async () => {
    for (const cookie of [panelist1, candidate])
      expect((await get(cookie, '/api/standard-setting/studies')).statusCode).toBe(403);
    expect((await get(editor, '/api/standard-setting/panel')).statusCode).toBe(403);
    expect((await get(candidate, '/api/standard-setting/panel')).statusCode).toBe(403);
  });

  it('opens a study for a form, audited', async () => {
    const created = await post(editor, '/api/standard-setting/studies', {
      formId: imhForm,
      name: 'IMH-E 2027 cut',
    });
    expect(created.statusCode, created.body).toBe(201);
    study = (created.json() as StudyResponse).study;
    expect(study).toMatchObject({ status: 'round1', itemCount: 60, formCutScore: 48 });
    expect(await auditOf('standard_setting.study_opened')).toHaveLength(1);
    const other = await post(editor, '/api/standard-setting/studies', {
      formId: ecmhForm,
      name: 'ECMH-E 2027 cut',
    });
    otherStudy = (other.json() as StudyResponse).study;
    const bad = await post(editor, '/api/standard-setting/studies', {
      formId: '00000000-0000-4000-8000-000000000000',
      name: 'No such form',
    });
    expect(bad.statusCode).toBe(404);
  });

  it('invites only users holding the panelist role', async () => {
    const url = `/api/standard-setting/studies/${study.id}/panelists`;
    const refused = await post(editor, url, { userId: ids['candidate@demo.test'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('NOT_A_PANELIST');
    // A candidate of the open sitting given the panelist role still may not see the keys.
    const candidateId = ids['candidate@demo.test']!;
    await t.database.db
      .update(users)
      .set({ roles: sql`array_append(${users.roles}, 'panelist')` })
      .where(eq(users.id, candidateId));
    const sitter = await post(editor, url, { userId: candidateId });
    expect(sitter.statusCode).toBe(409);
    expect(sitter.json().error.code).toBe('PANELIST_IS_CANDIDATE');
    expect(sitter.json().error.message).toMatch(/results are not released/);
    await t.database.db
      .update(users)
      .set({ roles: sql`array_remove(${users.roles}, 'panelist')` })
      .where(eq(users.id, candidateId));
    for (const email of ['panelist1@demo.test', 'panelist2@demo.test'])
      expect((await post(editor, url, { userId: ids[email] })).statusCode).toBe(200);
    await post(editor, `/api/standard-setting/studies/${otherStudy.id}/panelists`, {
      userId: ids['panelist2@demo.test'],
    });
    expect(await auditOf('standard_setting.panelist_added')).toHaveLength(3);
    const listed = (await get(editor, '/api/standard-setting/panelists')).json();
    expect(listed.panelists.map((p: { name: string }) => p.name).sort()).toEqual([
      'Pat Panelist',
      'Quinn Panelist',
    ]);
  });

  it('keeps the keys from a panelist enrolled as a candidate since joining, until results are out', async () => {
    const [enrolled] = await t.database.db
      .insert(enrolments)
      .values({
        sittingId,
        candidateId: ids['panelist2@demo.test']!,
        examEndorsement: 'IMH-E',
        category: 'mental-health-specialist',
      })
      .returning();
    try {
      for (const url of [
        `/api/standard-setting/panel/${study.id}`,
        `/api/standard-setting/panel/${otherStudy.id}`,
      ]) {
        const refused = await get(panelist2, url);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.code).toBe('PANELIST_IS_CANDIDATE');
        expect(JSON.stringify(refused.json())).not.toMatch(/"key"/);
      }
      const rating = await rate(panelist2, study.id, { round: 1, position: 1, rating: 0.5 });
      expect(rating.statusCode).toBe(409);
    } finally {
      await t.database.db.delete(enrolments).where(eq(enrolments.id, enrolled!.id));
    }
    expect((await get(panelist2, `/api/standard-setting/panel/${study.id}`)).statusCode).toBe(200);
  });

  it("shows a panelist their study's items with the key, and nothing of candidates", async () => {
    const mine = (await get(panelist1, '/api/standard-setting/panel')).json();
    expect(mine.studies.map((s: { id: string }) => s.id)).toEqual([study.id]);
    const response = await get(panelist1, `/api/standard-setting/panel/${study.id}`);
    expect(response.statusCode).toBe(200);
    const view = (response.json() as PanelViewResponse).study;
    expect(view.items).toHaveLength(60);
    expect(view.items[0]).toMatchObject({
      position: 1,
      pValue: null,
      ratings: { 1: null, 2: null },
    });
    expect(view.items[0]!.options).toHaveLength(4);
    expect(typeof view.items[0]!.keyIndex).toBe('number');
    expect(view.impact).toBeNull();
    expect(response.body).not.toMatch(/candidateId|attemptId|@demo\.test|Casey|Riley|Morgan/);
    // Another study's form reads as absent, as does a study that does not exist.
    expect((await get(panelist1, `/api/standard-setting/panel/${otherStudy.id}`)).statusCode).toBe(
      404,
    );
    expect((await get(panelist2, `/api/standard-setting/panel/${otherStudy.id}`)).statusCode).toBe(
      200,
    );
  });

  it('validates ratings: 0..1, an item of the form, the open round', async () => {
    for (const [body, code] of [
      [{ round: 1, position: 1, rating: 1.5 }, 'VALIDATION_FAILED'],
      [{ round: 1, position: 1, rating: -0.1 }, 'VALIDATION_FAILED'],
      [{ round: 1, position: 61, rating: 0.5 }, 'NO_SUCH_ITEM'],
      [{ round: 2, position: 1, rating: 0.5 }, 'WRONG_ROUND'],
      [{ round: 1, position: 1, rating: '0.5' }, 'VALIDATION_FAILED'],
    ] as const) {
      const response = await rate(panelist1, study.id, body);
      expect(response.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.json().error.code).toBe(code);
    }
    expect(
      (await rate(panelist1, otherStudy.id, { round: 1, position: 1, rating: 0.5 })).statusCode,
    ).toBe(404);
    const view = (await get(panelist1, `/api/standard-setting/panel/${study.id}`)).json();
    expect(view.study.items[0].ratings[1]).toBeNull();
  });

  it("refuses ratings that would set a panelist's cut outside 1..items, storing nothing", async () => {
    const ratingsOf = async () =>
      (
        (
          await get(panelist1, `/api/standard-setting/panel/${study.id}`)
        ).json() as PanelViewResponse
      ).study.items.map((i) => i.ratings[1]);
    for (let position = 1; position < 60; position += 1)
      expect((await rate(panelist1, study.id, { round: 1, position, rating: 0 })).statusCode).toBe(
        200,
      );
    // The last item at 0 would make the cut 0 of 60: refused, and the item stays unrated.
    const zero = await rate(panelist1, study.id, { round: 1, position: 60, rating: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error).toMatchObject({
      code: 'CUT_OUT_OF_RANGE',
      message: expect.stringContaining('a cut lies between 1 and 60'),
    });
    expect((await ratingsOf())[59]).toBeNull();
    // The lowest possible cut, 1: an expected score of 0.01 is reached by the first whole mark.
    const lowest = await rate(panelist1, study.id, { round: 1, position: 60, rating: 0.01 });
    expect(lowest.statusCode, lowest.body).toBe(200);
    // Taking it back to 0 is refused too, and the saved 0.01 stays.
    const back = await rate(panelist1, study.id, { round: 1, position: 60, rating: 0 });
    expect(back.json().error.code).toBe('CUT_OUT_OF_RANGE');
    expect((await ratingsOf())[59]).toBe(0.01);
    // The highest possible cut, 60 (every item at 1), is accepted.
    await rateAll(panelist1, study.id, 1, 1);
    expect((await ratingsOf()).every((r) => r === 1)).toBe(true);
  });

  it("refuses a 0 cut reached by two of a panelist's saves at once: one of them waits", async () => {
    const ratingsOf = async () =>
      (
        (
          await get(panelist1, `/api/standard-setting/panel/${study.id}`)
        ).json() as PanelViewResponse
      ).study.items.map((i) => i.ratings[1]);
    for (let position = 1; position <= 58; position += 1)
      expect((await rate(panelist1, study.id, { round: 1, position, rating: 0 })).statusCode).toBe(
        200,
      );
    // Two tabs of the same panelist, each with its own session.
    const tabs = [panelist1, await loginAs(t.app, 'panelist1@demo.test')];
    // Each trial: items 59 and 60 are the only ones above 0, and both go to 0 at once (a
    // panelist tabbing through fields). Each save alone leaves a cut of 1; together, 0.
    for (let trial = 0; trial < 8; trial += 1) {
      for (const position of [59, 60])
        expect(
          (await rate(panelist1, study.id, { round: 1, position, rating: 0.5 })).statusCode,
        ).toBe(200);
      // Both saves wait on the study's row, held here, and then go at the same instant (on
      // PostgreSQL; PGlite's one connection runs them one after the other anyway). Returned in
      // an object: the transaction must commit before the saves can finish.
      const { saves } = await t.database.db.transaction(async (tx) => {
        await tx.execute(
          sql`SELECT 1 FROM standard_setting_studies WHERE id = ${study.id} FOR NO KEY UPDATE`,
        );
        const saves = Promise.all(
          [59, 60].map((position, i) =>
            rate(tabs[i]!, study.id, { round: 1, position, rating: 0 }),
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { saves };
      });
      const answers = await saves;
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
      expect((await ratingsOf()).some((r) => r !== null && r > 0)).toBe(true);
    }
    await rateAll(panelist1, study.id, 1, 1);
  });

  it('round 1: implied cuts, mean, SD, SE and the recommended cut', async () => {
    await rateAll(panelist1, study.id, 1, 0.8); // 48
    await rateAll(panelist2, study.id, 1, 0.75); // 45
    // A second save of an item replaces the first.
    await rate(panelist2, study.id, { round: 1, position: 1, rating: 0.75 });
    const detail = (await get(editor, `/api/standard-setting/studies/${study.id}`)).json()
      .study as StudyDetail;
    const [round1] = detail.rounds;
    const cutOf = (name: string) => round1!.panelists.find((p) => p.name === name)!.impliedCut;
    expect(cutOf('Pat Panelist')).toBeCloseTo(48, 9);
    expect(cutOf('Quinn Panelist')).toBeCloseTo(45, 9);
    // mean 46.5; SD sqrt(2 * 1.5^2 / 1) = 2.1213; SE 2.1213 / sqrt(2) = 1.5; cut 47.
    expect(round1!.mean).toBeCloseTo(46.5, 9);
    expect(round1!.sd).toBeCloseTo(2.1213203, 6);
    expect(round1!.se).toBeCloseTo(1.5, 9);
    expect(round1!.recommendedCut).toBe(47);
    expect(round1!.passRate).toBeNull();
  });

  it('round 2 needs impact data from a sitting with closed Part Ones', async () => {
    const url = `/api/standard-setting/studies/${study.id}/round-two`;
    const early = await post(editor, url);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('NO_IMPACT_DATA');
    for (const [email, correct] of [
      ['candidate@demo.test', 50],
      ['mentor.research@demo.test', 40],
    ] as const)
      await sitExam(t.app, t.database.db, email, {
        responses: { 1: 'A considered response.', 2: 'Another considered response.' },
        chosen: [1, 2],
        partOneCorrect: correct,
      });
    const opened = await post(editor, url);
    expect(opened.statusCode, opened.body).toBe(200);
    const detail = (opened.json() as StudyResponse).study;
    expect(detail.status).toBe('round2');
    expect(detail.impact).toMatchObject({ sittingId, candidates: 2 });
    const p = new Map(detail.impact!.pValues.map((v) => [v.position, v.pValue]));
    expect([p.get(1), p.get(45), p.get(60)]).toEqual([1, 0.5, 0]);
    // Round 1's recommended 47: one of 50 and 40 reaches it.
    expect(detail.rounds[0]!.passRate).toBe(0.5);
    expect(await auditOf('standard_setting.round_two_opened')).toHaveLength(1);
    expect((await post(editor, url)).json().error.code).toBe('WRONG_ROUND');
  });

  it('round 2 shows panelists p-values and the pass rate of their round 1 cut', async () => {
    const response = await get(panelist1, `/api/standard-setting/panel/${study.id}`);
    const view = (response.json() as PanelViewResponse).study;
    expect(view.items[0]!.pValue).toBe(1);
    expect(view.items[44]!.pValue).toBe(0.5);
    expect(view.impact).toMatchObject({
      candidates: 2,
      roundOneCut: expect.closeTo(48, 9),
      roundOnePassRate: 0.5,
      panelRoundOneCut: 47,
      panelRoundOnePassRate: 0.5,
    });
    expect(response.body).not.toMatch(/candidateId|attemptId|@demo\.test|Casey|Riley|Morgan/);
    // Round 1 is fixed now.
    const late = await rate(panelist1, study.id, { round: 1, position: 1, rating: 0.1 });
    expect(late.json().error.code).toBe('WRONG_ROUND');
    await rateAll(panelist1, study.id, 2, 0.7); // 42
    await rateAll(panelist2, study.id, 2, 0.7); // 42
    const detail = (await get(editor, `/api/standard-setting/studies/${study.id}`)).json()
      .study as StudyDetail;
    expect(detail.rounds[1]).toMatchObject({ n: 2, sd: 0, se: 0, recommendedCut: 42 });
    expect(detail.rounds[1]!.mean).toBeCloseTo(42, 9);
    expect(detail.rounds[1]!.passRate).toBe(0.5);
    expect(detail.rounds[1]!.panelists.every((x) => !x.outlier)).toBe(true);
  });

  it('the sitting editor cannot set a cut', async () => {
    const current = (await get(editor, `/api/sittings/${sittingId}`)).json();
    expect(current.sitting?.cutScore ?? current.cutScore).toBeDefined();
    const response = await call(t.app, editor, 'PUT', `/api/sittings/${sittingId}`, {
      name: 'x',
      cutScore: 30,
    });
    expect(response.statusCode).toBe(400);
    expect(await formCut(imhForm)).toBe(48);
  });

  it('validates the adopted cut: 1..items, a reason when it differs, no open sitting', async () => {
    const url = `/api/standard-setting/studies/${study.id}/adopt`;
    for (const cutScore of [0, 61, -3])
      expect((await post(editor, url, { cutScore })).json().error.code).toBe('CUT_OUT_OF_RANGE');
    expect((await post(editor, url, { cutScore: 44.5 })).statusCode).toBe(400);
    expect((await post(editor, url, { cutScore: 44 })).json().error.code).toBe('REASON_REQUIRED');
    const open = await post(editor, url, { cutScore: 42 });
    expect(open.statusCode).toBe(409);
    expect(open.json().error.code).toBe('SITTING_OPEN');
    expect(await formCut(imhForm)).toBe(48);
    expect(await auditOf('standard_setting.cut_adopted')).toHaveLength(0);
  });

  it('adopts a cut for the form, audited; scored Part Ones keep their cut', async () => {
    const closed = await post(editor, `/api/sittings/${sittingId}/transition`, {
      to: 'closed',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const url = `/api/standard-setting/studies/${study.id}/adopt`;
    const adopted = await post(editor, url, {
      cutScore: 43,
      reason: 'One mark above the panel: the SE of 0 understates how few panelists sat.',
    });
    expect(adopted.statusCode, adopted.body).toBe(200);
    const detail = (adopted.json() as StudyResponse).study;
    expect(detail.status).toBe('adopted');
    expect(detail.adoption).toMatchObject({ cutScore: 43, recommendedCut: 42 });
    expect(await formCut(imhForm)).toBe(43);
    const [entry] = await auditOf('standard_setting.cut_adopted');
    expect(entry!.subjectId).toBe(imhForm);
    expect(entry!.details).toMatchObject({
      studyId: study.id,
      previousCut: 48,
      cutScore: 43,
      recommendedCut: 42,
    });
    const scored = await t.database.db.select().from(attemptParts).where(eq(attemptParts.part, 1));
    expect(scored.map((p) => p.result?.cutScore)).toEqual([48, 48]);
    const again = await post(editor, url, { cutScore: 42 });
    expect(again.json().error.code).toBe('STUDY_CLOSED');
    const rating = await rate(panelist1, study.id, { round: 2, position: 1, rating: 0.5 });
    expect(rating.json().error.code).toBe('STUDY_CLOSED');
  });

  it("scores impact data with the sitting's corrections: a re-keyed item's new key, a void left out", async () => {
    const correctionsUrl = `/api/scoring-corrections/sittings/${sittingId}`;
    const detailOf = async () =>
      (await get(editor, `/api/standard-setting/studies/${study.id}`)).json().study as StudyDetail;
    const before = await detailOf();
    const pOf = (d: StudyDetail) => new Map(d.impact!.pValues.map((v) => [v.position, v.pValue]));
    expect([pOf(before).get(1), pOf(before).get(2)]).toEqual([1, 1]);
    const [item1] = await t.database.db
      .select({ keyIndex: bankItemVersions.keyIndex })
      .from(bankFormItems)
      .innerJoin(bankItemVersions, eq(bankItemVersions.id, bankFormItems.itemVersionId))
      .where(and(eq(bankFormItems.formId, imhForm), eq(bankFormItems.position, 1)));
    const voided = await post(editor, correctionsUrl, {
      kind: 'void',
      formId: imhForm,
      position: 2,
      reason: 'Two defensible answers.',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    // Both candidates chose position 1's authored key; keyed to another option, nobody is right.
    const rekeyed = await post(editor, correctionsUrl, {
      kind: 'rekey',
      formId: imhForm,
      position: 1,
      keyIndex: (item1!.keyIndex + 1) % 4,
      reason: 'The published key was wrong.',
    });
    expect(rekeyed.statusCode, rekeyed.body).toBe(200);
    const after = await detailOf();
    expect([pOf(after).get(1), pOf(after).get(2), pOf(after).get(45)]).toEqual([0, null, 0.5]);
    // Scores are now 48 and 38. Void six more items nobody got right (55-60): 53 still count, and
    // the sitting's results would judge a whole-form cut of 42 at ceil(42 * 53 / 60) = 38, so
    // round 2's pass rate is 1 (both), not 0.5 (38 against the unscaled 42).
    expect(after.rounds[1]!.passRate).toBe(0.5);
    for (let position = 55; position <= 60; position += 1) {
      const more = await post(editor, correctionsUrl, {
        kind: 'void',
        formId: imhForm,
        position,
        reason: 'Out of the blueprint.',
      });
      expect(more.statusCode, more.body).toBe(200);
    }
    const scaled = await detailOf();
    expect(scaled.rounds[1]!.recommendedCut).toBe(42);
    expect(scaled.rounds[1]!.passRate).toBe(1);
    // Round 1's 47 becomes ceil(47 * 53 / 60) = 42: 48 passes, 38 does not.
    expect(scaled.rounds[0]!.passRate).toBe(0.5);
  });
});
