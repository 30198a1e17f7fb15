import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, gradingItems } from '../src/db/schema/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { call, sheet, sitExam } from './helpers/grading-fixture.js';
import { useScoringApp } from './helpers/scoring-app.js';

const s = useScoringApp();
const clinicalIds = demoRubrics.clinical.criteria.map((c) => c.id);

describe('tolerance and adjudication', () => {
  it('takes the mean within tolerance, and sends a criterion gap, a total gap or a flag to the third reader', async () => {
    const policyIds = demoRubrics.policy.criteria.map((c) => c.id);
    const researchIds = demoRubrics['research-faculty'].criteria.map((c) => c.id);
    const [p1, p2] = await s.codesOf('mentor.policy@demo.test');
    const [r1, r2] = await s.codesOf('mentor.research@demo.test');

    // One level apart on one criterion, totals 9 and 10: within tolerance (1, 2), so the mean.
    await s.submit(s.grader1, p1!, sheet(policyIds, [3, 3, 3]));
    await s.submit(s.grader2, p1!, sheet(policyIds, [3, 4, 3]));
    expect(await s.itemByCode(p1!)).toMatchObject({
      status: 'final',
      final: { total: 9.5, method: 'mean' },
    });

    // Two levels apart on one criterion.
    await s.submit(s.grader1, p2!, sheet(policyIds, [2, 3, 3]));
    await s.submit(s.grader2, p2!, sheet(policyIds, [4, 3, 3]));
    expect((await s.itemByCode(p2!)).status).toBe('adjudicating');

    // Each criterion within one, but totals three apart.
    await s.submit(s.grader1, r1!, sheet(researchIds, [2, 2, 2, 3]));
    await s.submit(s.grader2, r1!, sheet(researchIds, [3, 3, 3, 3]));
    expect((await s.itemByCode(r1!)).status).toBe('adjudicating');

    // Identical scores, but one reader asks for a second opinion.
    await s.submit(
      s.grader1,
      r2!,
      sheet(researchIds, 3, { flagged: true, flagNote: 'Possible copied text' }),
    );
    await s.submit(s.grader2, r2!, sheet(researchIds, 3));
    expect((await s.itemByCode(r2!)).status).toBe('adjudicating');
    const flagged = await s.view(s.grader3, r2!);
    expect(flagged.otherReadings).toContainEqual(
      expect.objectContaining({ flagged: true, flagNote: 'Possible copied text' }),
    );

    const reasons = await s.t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'grading.adjudication_required'));
    const byCode = new Map(reasons.map((r) => [r.subjectId, r.details.reasons]));
    expect(byCode.get(p2!)).toEqual([`criterion:${policyIds[0]}`]);
    expect(byCode.get(r1!)).toEqual(['total']);
    expect(byCode.get(r2!)).toEqual(['flagged']);
  });

  it('keeps a submitted reading final and refuses an incomplete one', async () => {
    const [, p2] = await s.codesOf('mentor.policy@demo.test');
    const policyIds = demoRubrics.policy.criteria.map((c) => c.id);
    const again = await s.submit(s.grader1, p2!, sheet(policyIds, 4), 409);
    expect(again.json().error.code).toBe('ALREADY_SUBMITTED');
    const [, c2] = await s.codesOf('candidate@demo.test');
    const partial = sheet(clinicalIds, 3);
    partial.scores[1]!.level = null;
    partial.scores[2]!.comment = '  ';
    const refused = await s.submit(s.grader1, c2!, partial, 400);
    expect(refused.json().error.code).toBe('SHEET_INCOMPLETE');
    expect(refused.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      `${clinicalIds[1]}.level`,
      `${clinicalIds[2]}.comment`,
    ]);
  });

  it('uses the sitting tolerance the s.coordinator sets', async () => {
    const [, c2] = await s.codesOf('candidate@demo.test');
    const sittingId = (await s.itemByCode(c2!)).sittingId;
    const set = await call(
      s.t.app,
      s.coordinator,
      'PUT',
      `/api/results/sittings/${sittingId}/rules`,
      {
        tolerancePerCriterion: 0,
        toleranceTotal: 0,
        passingRules: {},
      },
    );
    expect(set.statusCode).toBe(200);
    await s.submit(s.grader1, c2!, sheet(clinicalIds, [3, 3, 3]));
    await s.submit(s.grader2, c2!, sheet(clinicalIds, [3, 3, 2]));
    expect((await s.itemByCode(c2!)).status).toBe('adjudicating');
  });
});

describe('reopening', () => {
  it('a s.coordinator reopens a submitted reading with a reason, audited; the grader changes it', async () => {
    const policyIds = demoRubrics.policy.criteria.map((c) => c.id);
    const [p1] = await s.codesOf('mentor.policy@demo.test');
    const before = await s.itemByCode(p1!);
    expect(before.status).toBe('final');
    const graderId = (await call(s.t.app, s.grader1, 'GET', '/api/auth/session')).json().user.id;

    const asGrader = await call(s.t.app, s.grader1, 'POST', `/api/grading/items/${p1}/reopen`, {
      graderId,
      reason: 'Mine to change',
    });
    expect(asGrader.statusCode).toBe(403);
    const reopened = await call(s.t.app, s.coordinator, 'POST', `/api/grading/items/${p1}/reopen`, {
      graderId,
      reason: 'Scored against the wrong vignette',
    });
    expect(reopened.statusCode).toBe(204);
    expect(await s.itemByCode(p1!)).toMatchObject({ status: 'reading', final: null });
    const sheetNow = (await s.view(s.grader1, p1!)).sheet;
    expect(sheetNow.status).toBe('draft');
    expect(sheetNow.scores.map((s) => s.level)).toEqual([3, 3, 3]);
    const again = await call(s.t.app, s.coordinator, 'POST', `/api/grading/items/${p1}/reopen`, {
      graderId,
      reason: 'Twice',
    });
    expect(again.statusCode).toBe(409);

    // The sitting's tolerance is 0 by now: the changed reading must match the other exactly.
    await s.submit(s.grader1, p1!, sheet(policyIds, [3, 4, 3]));
    expect(await s.itemByCode(p1!)).toMatchObject({
      status: 'final',
      final: { total: 10, method: 'mean' },
    });
    const [entry] = await s.t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'grading.reading_reopened'));
    expect(entry).toMatchObject({
      subjectId: p1,
      details: expect.objectContaining({ reason: 'Scored against the wrong vignette', graderId }),
    });
  });
});

describe('rubric versions', () => {
  it('locks a version once scoring starts; a new version applies only to responses no grader holds', async () => {
    const list = await call(s.t.app, s.coordinator, 'GET', '/api/grading/rubrics');
    const clinical = list
      .json()
      .rubrics.find(
        (r: { variant: string; current: boolean }) => r.variant === 'clinical' && r.current,
      );
    expect(clinical.version).toBe(1);
    expect(clinical.scoringStartedAt).not.toBeNull();
    const content = {
      title: clinical.title,
      criteria: clinical.criteria,
      passingRule: clinical.passingRule,
    };
    const locked = await call(s.t.app, s.admin, 'PUT', `/api/grading/rubrics/${clinical.id}`, {
      content: { ...content, title: 'Changed after scoring began' },
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('RUBRIC_LOCKED');

    // A new Mentor-Clinical attempt: its responses are not scored yet.
    const fresh = await sitExam(s.t.app, s.t.database.db, 'mentor.clinical@demo.test', {
      responses: { 1: 'A supervisor notices the parallel process.', 2: 'Another response.' },
      chosen: [1, 2],
    });
    const freshCodes = (
      await s.t.database.db
        .select({ code: gradingItems.code })
        .from(gradingItems)
        .where(eq(gradingItems.attemptId, fresh.attemptId))
    ).map((r) => r.code);
    // s.grader1 saves a draft on one of them: that one keeps version 1.
    await call(
      s.t.app,
      s.grader1,
      'PUT',
      `/api/grading/queue/${freshCodes[0]}/draft`,
      sheet(clinicalIds, 2),
    );

    const v2Criteria = [
      ...content.criteria,
      {
        ...content.criteria[0],
        id: 'clinical-culture',
        title: 'Culture and context',
        domain: 'working-with-others',
      },
    ];
    const created = await call(s.t.app, s.admin, 'POST', '/api/grading/rubrics', {
      variant: 'clinical',
      content: { ...content, title: 'Clinical vignette rubric (v2)', criteria: v2Criteria },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().rubric).toMatchObject({
      version: 2,
      current: true,
      scoringStartedAt: null,
    });
    // Unlocked and newest: it can still be edited.
    const edited = await call(
      s.t.app,
      s.admin,
      'PUT',
      `/api/grading/rubrics/${created.json().rubric.id}`,
      {
        content: {
          ...content,
          title: 'Clinical vignette rubric, second edition',
          criteria: v2Criteria,
        },
      },
    );
    expect(edited.statusCode).toBe(200);

    // Both fresh responses were given to readers when they came in, so both stay on version 1,
    // the one with a saved draft and the one nobody has scored yet alike.
    expect((await s.view(s.grader1, freshCodes[0]!)).rubric.version).toBe(1);
    const unscored = await s.view(s.grader2, freshCodes[1]!);
    expect(unscored.rubric).toMatchObject({ version: 1, title: clinical.title });
    // A sheet made with version 2 does not count for a response scored with version 1, nor does
    // one with a criterion version 1 lacks.
    const otherVersion = await s.submit(
      s.grader2,
      freshCodes[1]!,
      sheet([...clinicalIds, 'clinical-culture'], 3, { rubricVersion: 2 }),
      409,
    );
    expect(otherVersion.json().error.code).toBe('RUBRIC_VERSION_MISMATCH');
    const stale = await s.submit(
      s.grader2,
      freshCodes[1]!,
      sheet([...clinicalIds, 'clinical-culture'], 3),
      409,
    );
    expect(stale.json().error).toMatchObject({
      code: 'RUBRIC_CHANGED',
      message: expect.stringMatching(/names a criterion that is not in the rubric/),
    });
    await s.submit(s.grader2, freshCodes[1]!, sheet(clinicalIds, 3));
    // Responses already scored with version 1 keep it.
    const [, c2] = await s.codesOf('candidate@demo.test');
    const kept = await s.itemByCode(c2!);
    expect(kept.rubricId).toBe(clinical.id);
  });
});
