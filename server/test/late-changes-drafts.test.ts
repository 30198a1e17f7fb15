import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { responses } from '../src/db/schema/index.js';
import { helloInPartTwo } from './helpers/exam-fixture.js';
import { useLateChangesApp } from './helpers/late-changes-fixture.js';
import { post } from './helpers/proctor-fixture.js';
import type { TestApp } from './helpers/test-app.js';

/**
 * Issue 24 item 1 for Part Two: a whole draft that reaches the server after the deadline and
 * grace is held like a late answer (late-changes.test.ts), and decided by a person.
 */
const app = useLateChangesApp();
const { cookieOf, socketOf, contextOf, serverWasUpUntilNow, lateRows } = app;
let t: TestApp;
beforeAll(() => {
  ({ t } = app);
});

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (text: string) => ({ type: 'doc', content: [paragraph(text)] });

describe('held late drafts', () => {
  it('holds a whole draft after the deadline, asks for the whole draft instead of a late patch, and a coordinator accepts it', async () => {
    const socket = await socketOf('mentor.research@demo.test');
    await helloInPartTwo(socket);
    socket.send({ type: 'draft.save', vignette: 1, revision: 1, doc: doc('In time.') });
    await socket.next('draft.ack', (m) => m.revision === 1);
    const context = await contextOf('mentor.research@demo.test');
    const deadline = t.app.exam.delivery.clockOf(context, 2).deadline!;
    t.clock.set(deadline + t.config.SAVE_GRACE_MS + 1000);

    socket.send({
      type: 'draft.patch',
      vignette: 1,
      base: 1,
      revision: 2,
      size: 10,
      steps: [
        { stepType: 'replace', from: 9, to: 9, slice: { content: [{ type: 'text', text: '!' }] } },
      ],
    });
    expect((await socket.next('draft.rejected', (m) => m.revision === 2)).code).toBe(
      'LATE_SEND_WHOLE',
    );
    const text = 'In time. And the last thought, typed offline before the end.';
    socket.send({
      type: 'draft.save',
      vignette: 1,
      revision: 3,
      doc: doc(text),
      madeAt: deadline - 5000,
    });
    expect((await socket.next('draft.held', (m) => m.revision === 3)).code).toBe('LATE_HELD');
    socket.send({ type: 'draft.save', vignette: 1, revision: 3, doc: doc(text) });
    await socket.next('draft.held', (m) => m.revision === 3);
    socket.send({ type: 'draft.save', vignette: 1, revision: 1, doc: doc('In time.') });
    await socket.next('draft.ack', (m) => m.revision === 1);
    // Even a closed part takes a whole draft's frame, so nothing made before 0:00 is cut off.
    await serverWasUpUntilNow();
    await t.app.exam.sweeper.tick();
    await socket.next('part.closed', (m) => m.part === 2);
    socket.send({ type: 'draft.save', vignette: 2, revision: 1, doc: doc('x'.repeat(6000)) });
    await socket.next('draft.held', (m) => m.vignette === 2);

    const rows = (await lateRows(context.attemptId)).filter((r) => r.kind === 'draft');
    expect(rows.map((r) => [r.position, r.seq])).toEqual([
      [2, 1],
      [1, 3],
    ]);
    const coordinator = await cookieOf('coordinator@demo.test');
    const row = rows.find((r) => r.position === 1)!;
    const accepted = await post(
      t.app,
      coordinator,
      `/api/proctoring/late-changes/${row.id}/decision`,
      {
        decision: 'accept',
        reason: 'Typed before time; the proctor saw the drop',
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().lateChange.summary).toMatch(/^Vignette 1: response of \d+ words$/);
    const [response] = await t.database.db
      .select()
      .from(responses)
      .where(and(eq(responses.attemptId, context.attemptId), eq(responses.vignette, 1)));
    expect(response).toMatchObject({ revision: 3 });
    expect(JSON.stringify(response!.doc)).toContain('typed offline before the end');
  });
});
