import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LateChangeView } from '@exam/shared/api';
import { lateChanges, vignetteChoices } from '../src/db/schema/index.js';
import { helloInPartTwo } from './helpers/exam-fixture.js';
import { useLateChangesApp } from './helpers/late-changes-fixture.js';
import { post } from './helpers/proctor-fixture.js';
import { loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Issue 24 item 1, the Part Two choice: which vignettes are graded is part of the answer, so a
 * choice that reaches the server after the deadline and grace is held like a late answer (never
 * refused and dropped), listed for the proctor, and applied at its claim when accepted.
 */
const app = useLateChangesApp(['candidate@demo.test']);
const { userIdOf, socketOf, listAs } = app;
let t: TestApp;
beforeAll(() => {
  ({ t } = app);
});

describe('a late choice of vignettes', () => {
  it('is held (choice.held, never refused), shown to the proctor, and applied at its claim when accepted', async () => {
    const socket = await socketOf('candidate@demo.test');
    await helloInPartTwo(socket);
    socket.send({ type: 'choice.set', revision: 1, chosen: [1, 2] });
    await socket.next('choice.ack', (m) => m.revision === 1);
    const context = await t.app.exam.delivery.openForCandidate(
      await userIdOf('candidate@demo.test'),
    );
    const deadline = t.app.exam.delivery.clockOf(context, 2).deadline!;
    t.clock.set(deadline + t.config.SAVE_GRACE_MS + 1000);

    const claim = deadline - 4000;
    socket.send({ type: 'choice.set', revision: 2, chosen: [3, 1], madeAt: claim });
    const held = await socket.next('choice.held', (m) => m.revision === 2);
    expect(held).toMatchObject({ code: 'LATE_HELD', message: expect.stringMatching(/proctor/) });
    // A replay after a lost answer is held once, not twice.
    socket.send({ type: 'choice.set', revision: 2, chosen: [1, 3], madeAt: claim });
    await socket.next('choice.held', (m) => m.revision === 2);

    const [stored] = await t.database.db
      .select()
      .from(vignetteChoices)
      .where(eq(vignetteChoices.attemptId, context.attemptId));
    expect(stored).toMatchObject({ chosen: [1, 2], revision: 1 });
    const rows = await t.database.db
      .select()
      .from(lateChanges)
      .where(eq(lateChanges.attemptId, context.attemptId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'choice',
      part: 2,
      position: 0,
      seq: 2,
      status: 'held',
      payload: { chosen: [1, 3] },
    });
    expect(rows[0]!.clientClaimedAt!.getTime()).toBe(claim);

    // The device is told on its next welcome too, so it keeps the choice until a decision.
    const again = await socketOf('candidate@demo.test');
    const welcome = await again.hello();
    expect(welcome.attempt.lateChanges).toEqual([
      { kind: 'choice', position: 0, seq: 2, status: 'held', reason: null },
    ]);

    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const listed = await listAs(proctor);
    expect(listed.statusCode, listed.body).toBe(200);
    const [view] = listed.json().lateChanges as LateChangeView[];
    expect(view).toMatchObject({
      kind: 'choice',
      part: 2,
      summary: 'Vignettes chosen: 1 and 3',
      clientClaimedAt: claim,
      status: 'held',
    });

    const accepted = await post(
      t.app,
      proctor,
      `/api/proctoring/late-changes/${view!.id}/decision`,
      {
        decision: 'accept',
        reason: 'Chosen before time; the drop is on the log',
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    const [after] = await t.database.db
      .select()
      .from(vignetteChoices)
      .where(eq(vignetteChoices.attemptId, context.attemptId));
    expect(after).toMatchObject({ chosen: [1, 3], revision: 2 });
    expect(after!.updatedAt.getTime()).toBe(claim);
  });
});
