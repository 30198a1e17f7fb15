import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyResultsResponse, SittingReviewResponse } from '@exam/shared/api';
import { releasableSitting } from './helpers/feedback-fixture.js';
import { call } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';
import { programmeScope } from '../src/db/association-scope.js';

/**
 * Issue 24 item 1, results: a candidate with an undecided held late change has a provisional
 * result that cannot be released; once it is decided, release goes ahead and the candidate's
 * results page says what became of the change.
 */
describe('results with held late changes', () => {
  let t: TestApp;
  let coordinator: string;
  let sittingId: string;
  let lateChangeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    // Feedback is approved (issue 24 item 8), so only the late change stands in the way.
    let attemptId: string;
    ({ attemptId, sittingId } = await releasableSitting(t, coordinator));
    // The answer that reached the server after time ran out, held as delivery holds it.
    const context = await t.app.exam.delivery.loadContext(attemptId);
    const held = await t.app.exam.delivery.lateChanges.holdAnswer(context, {
      type: 'answer.save',
      seq: 500,
      position: 60,
      choice: 0,
      flagged: false,
    });
    expect(held).toMatchObject({ held: true, code: 'LATE_HELD' });
    const [row] = await t.app.exam.delivery.lateChanges.list(programmeScope, [attemptId]);
    lateChangeId = row!.id;
  });
  afterAll(() => t.close());

  async function review(): Promise<SittingReviewResponse> {
    return (await call(t.app, coordinator, 'GET', `/api/results/sittings/${sittingId}`)).json();
  }

  async function mine(): Promise<MyResultsResponse> {
    const cookie = await loginAs(t.app, 'candidate@demo.test');
    return (await call(t.app, cookie, 'GET', '/api/results/mine')).json();
  }

  it('marks the result provisional and refuses release while a held change is undecided', async () => {
    const before = await review();
    expect(before.candidates.find((c) => c.email === 'candidate@demo.test')).toMatchObject({
      heldLateChanges: 1,
    });
    expect(before.blockers).toEqual([
      '1 candidate(s) have late changes held undecided: their results are provisional until a proctor or coordinator accepts or declines each one.',
    ]);
    const refused = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.blockers).toEqual(before.blockers);
    expect((await mine()).results).toEqual([
      {
        status: 'pending',
        sittingName: 'Demo sitting (practice)',
        lateChanges: [{ kind: 'answer', position: 60, status: 'held', reason: null }],
      },
    ]);
  });

  it('releases once the change is decided, and the candidate reads what became of it', async () => {
    const decided = await call(
      t.app,
      coordinator,
      'POST',
      `/api/proctoring/late-changes/${lateChangeId}/decision`,
      { decision: 'decline', reason: 'Made after the candidate was seen leaving the room' },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().lateChange.decidedBy).toBe('Corin Coordinator');
    expect((await review()).blockers).toEqual([]);
    const released = await call(
      t.app,
      coordinator,
      'POST',
      `/api/results/sittings/${sittingId}/release`,
    );
    expect(released.statusCode, released.body).toBe(200);
    const [result] = (await mine()).results;
    expect(result).toMatchObject({
      status: 'released',
      partOne: { correct: 50 },
      lateChanges: [
        {
          kind: 'answer',
          position: 60,
          status: 'declined',
          reason: 'Made after the candidate was seen leaving the room',
        },
      ],
    });
  });
});
