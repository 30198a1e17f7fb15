import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examResults, gradingItems, sittings } from '../src/db/schema/index.js';
import { createAuditService } from '../src/modules/audit/index.js';
import { createUsersService } from '../src/modules/auth/index.js';
import { createDeliveryResults } from '../src/modules/delivery/index.js';
import { createGradingResults } from '../src/modules/grading/index.js';
import { createFeedbackService } from '../src/modules/results/feedback.service.js';
import { createResultsData } from '../src/modules/results/results.data.js';
import { createResultsService } from '../src/modules/results/results.service.js';
import { createStudyPointersService } from '../src/modules/results/study-pointers.service.js';
import { createSittingResultsAccess } from '../src/modules/sittings/index.js';
import { createVignettesService } from '../src/modules/vignettes/index.js';
import { demoRubrics } from '../src/seed/content/rubrics.js';
import { commentBy, feedbackRoutes, submitAll } from './helpers/feedback-fixture.js';
import { call, sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';
import { programmeScope } from '../src/db/association-scope.js';

/**
 * Release reads the approved feedback before its transaction opens. An edit another
 * coordinator saves in between must not be lost unseen: release re-reads the edits once it
 * holds the sitting row, and refuses.
 */
describe('feedback edited while release runs', () => {
  let t: TestApp;
  let coordinator: string;
  let sittingId: string;
  const clinical = demoRubrics.clinical.criteria.map((c) => c.id);
  const { review, approve } = feedbackRoutes(() => ({ t, coordinator, sittingId }));

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    await sitExam(t.app, t.database.db, 'candidate@demo.test', {
      responses: { 1: 'A considered response.', 2: 'Another considered response.' },
      chosen: [1, 2],
      partOneCorrect: 55,
    });
    const [item] = await t.database.db.select().from(gradingItems).limit(1);
    sittingId = item!.sittingId;
    await submitAll(t, 'grader1@demo.test', clinical, 3, 'Warm and specific');
    await submitAll(t, 'grader2@demo.test', clinical, 3, 'Grounded in the vignette');
    const closed = await call(t.app, coordinator, 'POST', `/api/sittings/${sittingId}/transition`, {
      to: 'closed',
    });
    expect(closed.statusCode, closed.body).toBe(200);
  });
  afterAll(() => t.close());

  it('refuses the release and freezes nothing', async () => {
    const [casey] = (await review()).candidates;
    const approved = await approve([
      { candidateId: casey!.candidateId, fingerprint: casey!.fingerprint },
    ]);
    expect(approved.statusCode, approved.body).toBe(200);

    const { db } = t.database;
    const audit = createAuditService({ clock: t.clock });
    const delivery = createDeliveryResults({ db, vignettes: createVignettesService({ db }) });
    const access = createSittingResultsAccess({ db });
    const users = createUsersService({ db, audit });
    const grading = createGradingResults({ db });
    const load = createResultsData({ db, users, delivery, sittings: access, grading });
    const feedback = createFeedbackService({ db, clock: t.clock, audit, load, sittings: access });
    const actor = {
      id: await userIdOf(db, 'coordinator@demo.test'),
      email: 'coordinator@demo.test',
      displayName: 'Coordinator',
      roles: ['coordinator' as const],
      association: null,
      memberships: [],
      timeZone: 'UTC',
    };
    const comment = commentBy(casey!.responses[1]!.criteria[0]!, 'Warm')!;
    const results = createResultsService({
      db,
      clock: t.clock,
      audit,
      load,
      delivery,
      sittings: access,
      pointers: createStudyPointersService({ db, clock: t.clock, audit }),
      grading,
      feedback: {
        // Another coordinator saves an edit just after release has read the approved feedback.
        async forRelease(scope, data, outcomes) {
          const seen = await feedback.forRelease(scope, data, outcomes);
          await feedback.edit(scope, actor, sittingId, {
            assignmentId: comment.assignmentId,
            criterionId: clinical[0]!,
            text: 'Edited while releasing',
          });
          return seen;
        },
        assertUnchanged: feedback.assertUnchanged,
      },
    });

    await expect(results.release(programmeScope, actor, sittingId)).rejects.toMatchObject({
      code: 'FEEDBACK_CHANGED',
    });
    const [sitting] = await db.select().from(sittings).where(eq(sittings.id, sittingId));
    expect(sitting!.status).toBe('closed');
    expect(await db.select().from(examResults)).toEqual([]);
    // The edit stands, and voids the approval: it is reviewed before any release.
    expect((await review()).candidates[0]!.state).toBe('changed');
  });
});
