import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisScopesResponse } from '@exam/shared/api';
import { attempts, enrolments } from '../src/db/schema/index.js';
import { call, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * A sitting whose only attempt has not closed its Part One has no candidate to analyse: every
 * figure would be a mean over zero candidates (p = 0 and every item flagged "too hard"). It is
 * not offered as a scope, and asking for it answers like a scope never sat.
 */
describe('item analysis of a sitting with no closed Part One', () => {
  let t: TestApp;
  let psychometrician: string;
  let formId: string;
  let sittingId: string;

  beforeAll(async () => {
    t = await createTestApp();
    psychometrician = await loginAs(t.app, 'psychometrician@demo.test');
    const { db } = t.database;
    const candidateId = await userIdOf(db, 'candidate@demo.test');
    await db
      .update(enrolments)
      .set({ admittedAt: new Date() })
      .where(and(eq(enrolments.candidateId, candidateId), isNull(enrolments.admittedAt)));
    const context = await t.app.exam.delivery.openForCandidate(candidateId);
    await t.app.exam.delivery.startPart(context, 1, candidateId);
    const [attempt] = await db.select().from(attempts).where(eq(attempts.id, context.attemptId));
    formId = attempt!.formId;
    sittingId = context.sittingId;
  });
  afterAll(() => t.close());

  it('does not list the scope', async () => {
    const response = await call(t.app, psychometrician, 'GET', '/api/analysis/scopes');
    expect(response.statusCode).toBe(200);
    const { scopes } = response.json() as AnalysisScopesResponse;
    expect(scopes.filter((s) => s.formId === formId)).toEqual([]);
  });

  it('answers the analysis and its exports with ANALYSIS_SCOPE_NOT_FOUND', async () => {
    for (const suffix of ['', '/analysis.csv']) {
      const response = await call(
        t.app,
        psychometrician,
        'GET',
        `/api/analysis/forms/${formId}${suffix}?sittingId=${sittingId}`,
      );
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('ANALYSIS_SCOPE_NOT_FOUND');
    }
  });
});
