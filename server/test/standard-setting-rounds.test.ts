import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PanelViewResponse, StudyDetail, StudyResponse } from '@exam/shared/api';
import { attemptParts, bankFormItems, bankItemVersions } from '../src/db/schema/index.js';
import { call, sitExam } from './helpers/grading-fixture.js';
import { useStandardSettingApp } from './helpers/standard-setting-fixture.js';
import type { TestApp } from './helpers/test-app.js';

/**
 * A study of the demo IMH-E form, two panelists through both rounds, impact data from the demo
 * sitting (two IMH-E candidates: 50 and 40 of 60 right, the first N items right each), and the
 * adoption that is the only way the form's cut changes. Opening the study and round 1's ratings
 * are in standard-setting.test.ts.
 */
describe('standard setting: the rounds and the adopted cut', () => {
  const { world, get, post, rate, formCut, rateAll, auditOf } = useStandardSettingApp();
  let t: TestApp;
  let editor: string;
  let panelist1: string;
  let panelist2: string;
  let imhForm: string;
  let study: StudyDetail;
  let sittingId: string;

  // The study with both panelists on it, as standard-setting.test.ts leaves it.
  beforeAll(async () => {
    ({ t, editor, panelist1, panelist2, imhForm, sittingId } = world);
    const created = await post(editor, '/api/standard-setting/studies', {
      formId: imhForm,
      name: 'IMH-E 2027 cut',
    });
    if (created.statusCode !== 201) throw new Error(`study not opened: ${created.body}`);
    study = (created.json() as StudyResponse).study;
    for (const email of ['panelist1@demo.test', 'panelist2@demo.test']) {
      const url = `/api/standard-setting/studies/${study.id}/panelists`;
      const added = await post(editor, url, { userId: world.ids[email] });
      if (added.statusCode !== 200) throw new Error(`${email} not added: ${added.body}`);
    }
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
