import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealDetail, AppealListResponse } from '@exam/shared/api';
import { auditLog, gradingAssignments, gradingItems } from '../src/db/schema/index.js';
import * as qualificationRepo from '../src/modules/grading/qualification.repo.js';
import * as rubricsRepo from '../src/modules/grading/rubrics.repo.js';
import { associationB, send } from './helpers/association-b.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Casey's released Part Two (read by grader1 and grader2) is appealed while grader3, the only
 * other grader, is not qualified for the Clinical variant: nobody independent can review it.
 * The appeal waits and says why; qualifying grader3 assigns the review, or the coordinator's
 * "Find a reviewer" does, once and only once however often it is pressed.
 */
describe('an accepted appeal with no independent reviewer', () => {
  let t: TestApp;
  let coordinator: string;
  let admin: string;
  let attemptId: string;
  let appealId: string;
  let grader3: string;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    admin = await loginAs(t.app, 'admin@demo.test');
    ({ attemptId } = await releasableSitting(t, coordinator));
    const { sittingId } = (
      await t.database.db.select().from(gradingItems).where(eq(gradingItems.attemptId, attemptId))
    )[0]!;
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    grader3 = await userIdOf(t.database.db, 'grader3@demo.test');
  });
  afterAll(() => t.close());

  const qualify = (qualified: boolean) =>
    call(t.app, admin, 'POST', '/api/grading/qualifications/decide', {
      graderId: grader3,
      variant: 'clinical',
      qualified,
      note: qualified ? 'Qualified with another board' : 'Not yet for Clinical',
    });
  const detail = async (): Promise<AppealDetail> => {
    const response = await call(t.app, coordinator, 'GET', `/api/appeals/${appealId}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const findReviewer = () =>
    call(t.app, coordinator, 'POST', `/api/appeals/${appealId}/find-reviewer`);
  const reviews = async () => {
    const items = await t.database.db
      .select({ id: gradingItems.id })
      .from(gradingItems)
      .where(eq(gradingItems.attemptId, attemptId));
    return t.database.db
      .select()
      .from(gradingAssignments)
      .where(
        and(
          inArray(
            gradingAssignments.itemId,
            items.map((i) => i.id),
          ),
          eq(gradingAssignments.role, 'review'),
        ),
      );
  };
  const audits = async (action: string) =>
    (
      await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, action))
        .orderBy(auditLog.id)
    ).filter((a) => a.subjectId === appealId);

  /** A fresh appeal of Casey's Part Two, accepted while grader3 is not qualified. */
  async function acceptWithNobody() {
    expect((await qualify(false)).statusCode).toBe(204);
    const candidate = await loginAs(t.app, 'candidate@demo.test');
    const made = await call(t.app, candidate, 'POST', '/api/appeals', {
      attemptId,
      parts: ['two'],
      grounds: 'My essays were marked more harshly than my practice shows.',
    });
    expect(made.statusCode, made.body).toBe(201);
    appealId = made.json().id;
    const accepted = await call(t.app, coordinator, 'POST', `/api/appeals/${appealId}/triage`, {
      decision: 'accept',
    });
    expect(accepted.statusCode, accepted.body).toBe(204);
  }

  it('waits for a reviewer and says why; the button says still nobody, and changes nothing', async () => {
    await acceptWithNobody();
    const seen = await detail();
    expect(seen.status).toBe('accepted');
    expect(seen.waitingForReviewer).toBe(true);
    expect(seen.reviews.map((r) => [r.review, r.variant])).toEqual([
      ['none', 'clinical'],
      ['none', 'clinical'],
    ]);
    expect(seen.waitingReason).toBe(
      'No qualified grader who has not read these responses is available for the Clinical ' +
        'variant. Qualify another grader for it; the review is assigned as soon as one is.',
    );
    expect(seen.decidable).toBe(false);
    const list: AppealListResponse = (await call(t.app, coordinator, 'GET', '/api/appeals')).json();
    expect(list.appeals.find((a) => a.id === appealId)?.waitingForReviewer).toBe(true);

    const still = await findReviewer();
    expect(still.statusCode).toBe(409);
    expect(still.json().error.code).toBe('APPEAL_NO_REVIEWER');
    expect(still.json().error.message).toContain('Qualify another grader for it');
    expect(await reviews()).toEqual([]);
    expect(await audits('appeals.reviewer_assigned')).toEqual([]);
  });

  it('hides the button’s route from another association, and refuses it to a grader', async () => {
    const b = await associationB(t.app, t.database.db);
    const other = await send(
      t.app,
      b.coordinator,
      'POST',
      `/api/appeals/${appealId}/find-reviewer`,
    );
    expect(other.statusCode).toBe(404);
    const grader = await loginAs(t.app, 'grader1@demo.test');
    const refused = await call(t.app, grader, 'POST', `/api/appeals/${appealId}/find-reviewer`);
    expect(refused.statusCode).toBe(403);
    expect(await reviews()).toEqual([]);
  });

  it('qualifying a grader for the variant assigns the review, as acceptance would have', async () => {
    expect((await qualify(true)).statusCode).toBe(204);
    const assigned = await reviews();
    expect(assigned).toHaveLength(2);
    expect(assigned.every((r) => r.graderId === grader3)).toBe(true);
    const seen = await detail();
    expect(seen.waitingForReviewer).toBe(false);
    expect(seen.waitingReason).toBeNull();
    expect(seen.reviews.every((r) => r.review === 'assigned')).toBe(true);
    const [audit] = await audits('appeals.reviewer_assigned');
    expect(audit?.actorId).toBeNull();
    expect(audit?.details).toMatchObject({ by: 'pool-change', waiting: [] });

    // grader3's queue: the same ordinary first readings a reviewer assigned at acceptance gets.
    const cookie = await loginAs(t.app, 'grader3@demo.test');
    const queue = (await call(t.app, cookie, 'GET', '/api/grading/queue')).json();
    const codes = seen.reviews.map((r) => r.code);
    const entries = queue.entries.filter((e: { code: string }) => codes.includes(e.code));
    expect(entries.map((e: { role: string }) => e.role)).toEqual(['reader', 'reader']);

    const again = await findReviewer();
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('APPEAL_REVIEWER_ASSIGNED');
  });

  it('“Find a reviewer” pressed twice at once assigns one reviewer per response', async () => {
    // Back to waiting: the reviews taken away and grader3 unqualified; then grader3 qualified
    // behind routing's back (no sweep), so only the button can find them.
    await t.database.db.delete(gradingAssignments).where(eq(gradingAssignments.role, 'review'));
    expect((await qualify(false)).statusCode).toBe(204);
    expect(await reviews()).toEqual([]);
    const rubric = await rubricsRepo.latestRubric(t.database.db, 'clinical');
    await qualificationRepo.upsertQualification(t.database.db, {
      graderId: grader3,
      rubricId: rubric!.id,
      variant: 'clinical',
      qualified: true,
      source: 'coordinator',
      decidedAt: t.clock.now(),
      expiresAt: null,
      decidedBy: null,
      note: 'Qualified without a sweep',
    });
    const presses = await Promise.all([findReviewer(), findReviewer()]);
    const statuses = presses.map((p) => p.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const ok = presses.find((p) => p.statusCode === 200)!;
    expect(ok.json().assigned).toHaveLength(2);
    expect(ok.json().waiting).toEqual([]);
    const refused = presses.find((p) => p.statusCode === 409)!;
    expect(refused.json().error.code).toBe('APPEAL_REVIEWER_ASSIGNED');
    const assigned = await reviews();
    expect(assigned).toHaveLength(2);
    expect(assigned.every((r) => r.graderId === grader3)).toBe(true);
    const trail = await audits('appeals.reviewer_assigned');
    expect(trail.map((a) => (a.details as { by: string }).by)).toEqual([
      'pool-change',
      'coordinator',
    ]);
  });

  it('a reviewer who loses the grader role gives the reviews back; the appeal waits, and is assigned again once the role returns', async () => {
    const setRoles = (roles: string[]) =>
      call(t.app, admin, 'PUT', `/api/users/${grader3}/roles`, { roles });
    expect((await setRoles([])).statusCode).toBe(200);
    expect(await reviews()).toEqual([]);
    const withdrawn = (
      await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'grading.reading_withdrawn'))
    ).map((a) => a.details);
    expect(withdrawn).toHaveLength(2);
    for (const details of withdrawn)
      expect(details).toMatchObject({
        graderId: grader3,
        role: 'review',
        reason: 'grader no longer in the pool',
      });
    expect((await detail()).waitingForReviewer).toBe(true);

    expect((await setRoles(['grader'])).statusCode).toBe(200);
    const again = await reviews();
    expect(again).toHaveLength(2);
    expect(again.every((r) => r.graderId === grader3)).toBe(true);
    expect((await detail()).waitingForReviewer).toBe(false);
  });
});
