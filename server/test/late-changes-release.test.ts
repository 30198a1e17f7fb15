import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, examResults, lateChanges, sittings } from '../src/db/schema/index.js';
import { createAuditService } from '../src/modules/audit/index.js';
import { createUsersService } from '../src/modules/auth/index.js';
import { createDeliveryResults, optionOrder } from '../src/modules/delivery/index.js';
import type { AttemptContext } from '../src/modules/delivery/attempt-context.js';
import { createGradingResults } from '../src/modules/grading/index.js';
import { createFeedbackService } from '../src/modules/results/feedback.service.js';
import { createResultsData } from '../src/modules/results/results.data.js';
import { createResultsService } from '../src/modules/results/results.service.js';
import { createStudyPointersService } from '../src/modules/results/study-pointers.service.js';
import { createSittingResultsAccess } from '../src/modules/sittings/index.js';
import { createVignettesService } from '../src/modules/vignettes/index.js';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';
import { programmeScope } from '../src/db/association-scope.js';

/**
 * Issue 24 item 1, late changes against the release: a decision made while release runs is
 * never lost unseen (release refuses), and once results are released a late change is still
 * held but can no longer be decided (the released result would not show it).
 */
describe('late changes and the release', () => {
  let t: TestApp;
  let coordinator: string;
  let sittingId: string;
  let attemptId: string;
  let context: AttemptContext;
  let coordinatorId: string;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    ({ attemptId, sittingId } = await releasableSitting(t, coordinator));
    context = await t.app.exam.delivery.loadContext(attemptId);
    coordinatorId = await userIdOf(t.database.db, 'coordinator@demo.test');
  });
  afterAll(() => t.close());

  /** The right option of a question as this attempt displays it. */
  function rightChoice(position: number): number {
    const item = context.items.find((i) => i.position === position)!;
    return optionOrder(context.optionSeed, position).indexOf(item.keyIndex);
  }

  async function holdRight(position: number, seq: number): Promise<string> {
    const { lateChanges: late } = t.app.exam.delivery;
    const held = await late.holdAnswer(context, {
      type: 'answer.save',
      seq,
      position,
      choice: rightChoice(position),
      flagged: false,
    });
    expect(held).toMatchObject({ held: true, code: 'LATE_HELD' });
    const row = (await late.list(programmeScope, [attemptId])).find((r) => r.seq === seq);
    return row!.id;
  }

  /** A release whose read of the attempts is followed, before its transaction, by `meanwhile`. */
  function releaseWith(meanwhile: () => Promise<void>) {
    const { db } = t.database;
    const audit = createAuditService({ clock: t.clock });
    const real = createDeliveryResults({ db, vignettes: createVignettesService({ db }) });
    const delivery: typeof real = {
      ...real,
      async attemptsOf(enrolmentIds, tx) {
        const seen = await real.attemptsOf(enrolmentIds, tx);
        // Only the read release makes before its transaction (inside it, a tx is passed).
        if (tx === undefined) await meanwhile();
        return seen;
      },
    };
    const access = createSittingResultsAccess({ db });
    const users = createUsersService({ db, audit });
    const grading = createGradingResults({ db });
    const load = createResultsData({ db, users, delivery, sittings: access, grading });
    const feedback = createFeedbackService({ db, clock: t.clock, audit, load, sittings: access });
    const results = createResultsService({
      db,
      clock: t.clock,
      audit,
      load,
      delivery,
      sittings: access,
      pointers: createStudyPointersService({ db, clock: t.clock, audit }),
      grading,
      feedback,
    });
    return results.release(
      programmeScope,
      {
        id: coordinatorId,
        email: 'coordinator@demo.test',
        displayName: 'C',
        roles: ['coordinator'],
        association: null,
        memberships: [],
        timeZone: 'UTC',
      },
      sittingId,
    );
  }

  async function sittingStatus() {
    const [row] = await t.database.db.select().from(sittings).where(eq(sittings.id, sittingId));
    return row!.status;
  }

  it('refuses a release when a late change was held and accepted after it read the attempts', async () => {
    await expect(
      releaseWith(async () => {
        const id = await holdRight(60, 500);
        await t.app.exam.delivery.lateChanges.decide(
          programmeScope,
          coordinatorId,
          id,
          'accept',
          'Made in time',
        );
      }),
    ).rejects.toMatchObject({ code: 'LATE_CHANGES_CHANGED', status: 409 });
    expect(await sittingStatus()).toBe('closed');
    expect(await t.database.db.select().from(examResults)).toEqual([]);
  });

  it('refuses a release when a late change was held after it read the attempts', async () => {
    let heldId = '';
    await expect(
      releaseWith(async () => {
        heldId = await holdRight(59, 501);
      }),
    ).rejects.toMatchObject({ code: 'RESULTS_NOT_READY', status: 409 });
    expect(await sittingStatus()).toBe('closed');
    expect(await t.database.db.select().from(examResults)).toEqual([]);
    const declined = await call(
      t.app,
      coordinator,
      'POST',
      `/api/proctoring/late-changes/${heldId}/decision`,
      { decision: 'decline', reason: 'Made after the candidate left the room' },
    );
    expect(declined.statusCode, declined.body).toBe(200);
  });

  // Two transactions at once need a second connection: PostgreSQL only (PGlite has one).
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'a decision waits while a release holds the sitting row',
    async () => {
      const id = await holdRight(57, 503);
      const releasing = await t.database.pool!.connect();
      try {
        // What release holds from markReleased to its commit.
        await releasing.query('BEGIN');
        await releasing.query(`UPDATE sittings SET status = 'released' WHERE id = $1`, [sittingId]);
        let settled = false;
        const deciding = t.app.exam.delivery.lateChanges
          .decide(
            programmeScope,
            coordinatorId,
            id,
            'decline',
            'Made after the candidate left the room',
          )
          .finally(() => {
            settled = true;
          });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        // This release gives up: the decision goes ahead on the closed sitting.
        await releasing.query('ROLLBACK');
        expect(await deciding).toMatchObject({ status: 'declined' });
      } finally {
        releasing.release();
      }
    },
  );

  it('releases with the accepted change counted once nothing moves', async () => {
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    const candidate = await loginAs(t.app, 'candidate@demo.test');
    const [result] = (await call(t.app, candidate, 'GET', '/api/results/mine')).json().results;
    // 50 right in time, and question 60 made right by the accepted late change.
    expect(result).toMatchObject({ status: 'released', partOne: { correct: 51 } });
  });

  it('still holds a change that arrives after release, but refuses to decide it, changing nothing', async () => {
    const id = await holdRight(58, 502);
    const before = await t.database.db
      .select()
      .from(answers)
      .where(and(eq(answers.attemptId, attemptId), eq(answers.position, 58)));
    const refused = await call(
      t.app,
      coordinator,
      'POST',
      `/api/proctoring/late-changes/${id}/decision`,
      { decision: 'accept', reason: 'Made in time' },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'ALREADY_RELEASED',
      message: expect.stringMatching(/released.*no longer be accepted or declined/),
    });
    const [row] = await t.database.db.select().from(lateChanges).where(eq(lateChanges.id, id));
    expect(row).toMatchObject({ status: 'held', decidedBy: null, decidedAt: null });
    const after = await t.database.db
      .select()
      .from(answers)
      .where(and(eq(answers.attemptId, attemptId), eq(answers.position, 58)));
    expect(after).toEqual(before);
  });
});
