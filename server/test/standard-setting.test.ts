import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PanelViewResponse, StudyDetail, StudyResponse } from '@exam/shared/api';
import { enrolments, users } from '../src/db/schema/index.js';
import { useStandardSettingApp } from './helpers/standard-setting-fixture.js';
import { loginAs, type TestApp } from './helpers/test-app.js';

/**
 * A study of the demo IMH-E form up to the end of round 1's ratings: who may run, join and rate
 * it, what a panelist sees, and which ratings are refused. Round 1's figures, round 2 and the
 * adopted cut are in standard-setting-rounds.test.ts.
 */
describe('standard setting (modified Angoff)', () => {
  const { world, get, post, rate, rateAll, auditOf } = useStandardSettingApp();
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
  let ids: Record<string, string>;

  beforeAll(() => {
    ({ t, editor, panelist1, panelist2, candidate, imhForm, ecmhForm, sittingId, ids } = world);
  });

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
});
