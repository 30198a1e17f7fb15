import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyData, RetentionPreviewResponse } from '@exam/shared/api';
import {
  answerSaves,
  answers,
  associations,
  auditLog,
  examResults,
  gradingAssignments,
  responses,
  responseSnapshots,
  retentionPurges,
} from '../src/db/schema/index.js';
import { createAuditService } from '../src/modules/audit/index.js';
import { DEFAULT_ASSOCIATION_ID } from '../src/modules/auth/index.js';
import { createRetentionService } from '../src/modules/privacy/retention.service.js';
import { associationB } from './helpers/association-b.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Issue 14, privacy: a person downloads everything the platform holds about them (and nothing
 * about anyone else, no grader, no key beyond the released result), and each association's
 * retention period purges responses after a dry run and a confirmation, keeping results.
 */
describe('privacy', () => {
  let t: TestApp;
  let sittingId: string;
  let attemptId: string;
  let candidateId: string;
  const coordinator = () => loginAs(t.app, 'coordinator@demo.test');

  beforeAll(async () => {
    t = await createTestApp();
    const cookie = await coordinator();
    ({ sittingId, attemptId } = await releasableSitting(t, cookie));
    const released = await call(
      t.app,
      cookie,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    candidateId = await userIdOf(t.database.db, 'candidate@demo.test');
    await associationB(t.app, t.database.db);
  });
  afterAll(() => t.close());

  async function myData(email: string): Promise<MyData> {
    const response = await call(t.app, await loginAs(t.app, email), 'GET', '/api/privacy/my-data');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it("gives the candidate every row about them, and no grader's or other candidate's", async () => {
    const data = await myData('candidate@demo.test');
    expect(data.account).toMatchObject({ id: candidateId, email: 'candidate@demo.test' });
    expect(data.memberships).toEqual([expect.objectContaining({ roles: ['candidate'] })]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.profile).not.toBeNull();
    expect(data.enrolments).toEqual([expect.objectContaining({ sittingId })]);
    const [attempt] = data.attempts;
    expect(attempt).toMatchObject({ id: attemptId, responsesPurged: false });
    expect(attempt!.answers).toHaveLength(60);
    expect(attempt!.answerHistory).toHaveLength(60);
    expect(attempt!.responses.map((r) => JSON.stringify(r.doc))).toEqual([
      expect.stringContaining('A considered response.'),
      expect.stringContaining('Another considered response.'),
    ]);
    expect(attempt!.parts.map((p) => p.closedStatus)).toEqual(['submitted', 'submitted']);
    expect(data.results).toEqual([expect.objectContaining({ attemptId, passed: true })]);
    expect(data.audit.some((e) => e.subjectId === attemptId && e.actor === 'you')).toBe(true);

    const text = JSON.stringify(data);
    const graderIds = await t.database.db
      .selectDistinct({ id: gradingAssignments.graderId })
      .from(gradingAssignments);
    expect(graderIds.length).toBeGreaterThan(0);
    for (const { id } of graderIds) expect(text).not.toContain(id);
    expect(text).not.toContain('grader1@demo.test');
    expect(text).not.toContain(await userIdOf(t.database.db, 'coordinator@demo.test'));
    expect(text).not.toMatch(/passwordHash|password_hash|\$argon|\$scrypt/);
    expect(text).not.toMatch(/keyIndex|"key"/);

    const exported = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'privacy.data_exported'), eq(auditLog.subjectId, candidateId)),
      );
    expect(exported.length).toBeGreaterThan(0);
  });

  it("gives another candidate only their own, without the first one's attempt", async () => {
    const data = await myData('mentor.policy@demo.test');
    expect(data.account.email).toBe('mentor.policy@demo.test');
    const text = JSON.stringify(data);
    expect(text).not.toContain(attemptId);
    expect(text).not.toContain('A considered response.');
    expect(data.results).toEqual([]);
  });

  async function preview(cookie: string): Promise<RetentionPreviewResponse> {
    const response = await call(t.app, cookie, 'GET', '/api/privacy/retention');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('purges nothing before the retention period, nor at a longer setting', async () => {
    expect((await preview(await coordinator())).sittings).toEqual([]);
    t.clock.advance(8 * YEAR_MS);
    await t.database.db
      .update(associations)
      .set({ retentionYears: 10 })
      .where(eq(associations.id, DEFAULT_ASSOCIATION_ID));
    expect((await preview(await coordinator())).sittings).toEqual([]);
    await t.database.db
      .update(associations)
      .set({ retentionYears: 7 })
      .where(eq(associations.id, DEFAULT_ASSOCIATION_ID));
  });

  it('shows the dry run to its own association only, and purges only once confirmed', async () => {
    const cookie = await coordinator();
    const { sittings } = await preview(cookie);
    expect(sittings).toEqual([
      expect.objectContaining({
        sittingId,
        retentionYears: 7,
        attempts: 1,
        responses: 2,
        answerSaves: 60,
        confirmedAt: null,
      }),
    ]);
    // Eight years on, B's coordinator signs in again (the earlier session has long expired).
    const other = await loginAs(t.app, 'coordinator@osa.example', 'association-b-password');
    expect((await preview(other)).sittings).toEqual([]);
    const foreign = await call(t.app, other, 'POST', '/api/privacy/retention/confirm', {
      sittingIds: [sittingId],
    });
    expect(foreign.statusCode).toBe(404);
    expect(await t.database.db.select().from(retentionPurges)).toEqual([]);

    // The job purges nothing that was not confirmed: the dry run alone changes nothing.
    expect(await t.app.privacy.retention.runConfirmed()).toEqual([]);
    expect(await t.database.db.select().from(responses)).toHaveLength(2);

    const confirmed = await call(t.app, cookie, 'POST', '/api/privacy/retention/confirm', {
      sittingIds: [sittingId],
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await preview(cookie)).sittings[0]!.confirmedAt).not.toBeNull();
  });

  it('runs nowhere but on the leader', async () => {
    const follower = createRetentionService({
      db: t.database.db,
      clock: t.clock,
      audit: createAuditService({ clock: t.clock }),
      leadership: { isLeader: () => false, fence: async () => {} },
    });
    expect(await follower.runConfirmed()).toEqual([]);
    expect(await t.database.db.select().from(responses)).toHaveLength(2);
  });

  it('purges responses and answer history on the job, keeps results and final answers, audited', async () => {
    const [done] = await t.app.privacy.retention.runConfirmed();
    expect(done).toEqual({
      sittingId,
      purged: expect.objectContaining({
        attempts: 1,
        responses: 2,
        answerSaves: 60,
        // The sitting's accommodation documents and check-in photos go in the same purge.
        accommodationDocuments: 0,
        checkInPhotos: 0,
      }),
    });
    const db = t.database.db;
    expect(await db.select().from(responses).where(eq(responses.attemptId, attemptId))).toEqual([]);
    expect(
      await db.select().from(responseSnapshots).where(eq(responseSnapshots.attemptId, attemptId)),
    ).toEqual([]);
    expect(await db.select().from(answerSaves).where(eq(answerSaves.attemptId, attemptId))).toEqual(
      [],
    );
    expect(await db.select().from(answers).where(eq(answers.attemptId, attemptId))).toHaveLength(
      60,
    );
    expect(
      await db.select().from(examResults).where(eq(examResults.attemptId, attemptId)),
    ).toHaveLength(1);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ['retention.purged']));
    expect(entry).toMatchObject({ subjectId: sittingId, actorId: null });
    expect(entry!.details).toMatchObject({ responses: 2, answerSaves: 60, attempts: 1 });

    // Done once: the next run finds nothing pending, and the dry run nothing left.
    expect(await t.app.privacy.retention.runConfirmed()).toEqual([]);
    expect((await preview(await coordinator())).sittings).toEqual([]);
    const data = await myData('candidate@demo.test');
    expect(data.attempts[0]).toMatchObject({ responsesPurged: true, responses: [] });
    expect(data.results).toHaveLength(1);
  });
});
