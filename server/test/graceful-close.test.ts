import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCodes } from '@exam/shared/protocol';
import { answers } from '../src/db/schema/index.js';
import { ExamSocket, fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

// Closing the app (what SIGTERM does in server.ts) flushes the group commit before the sockets
// close, and closes them with 1012 (service restart) so clients reconnect at once elsewhere.
// test/faults/sigterm.test.ts does the same to a real process under load.
const form = fixedForm();
let t: TestApp;
let closed = false;

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  await seedOpenSitting(t.database.db, { formId: form.formId, emails: ['candidate@demo.test'] });
});
afterAll(async () => {
  if (!closed) await t.app.close();
  await t.close();
});

describe('closing the app during a sitting', () => {
  it('acknowledges the saves it received, stores them, then closes the socket with 1012', async () => {
    const cookie = await loginAs(t.app, 'candidate@demo.test');
    const socket = await ExamSocket.connect(t.app, cookie);
    const welcome = await socket.hello();
    if (welcome.attempt.parts[0]?.status === 'not-started') {
      socket.send({ type: 'part.start', part: 1 });
      await socket.next('clock.update');
    }
    const first = welcome.attempt.maxSeq + 1;
    const positions = [1, 2, 3, 4, 5];
    for (const [i, position] of positions.entries()) {
      socket.send({ type: 'answer.save', seq: first + i, position, choice: 2, flagged: false });
    }
    // The last save has reached the server (its ack is on the way) when the close begins.
    await socket.next('answer.ack', (m) => m.seq === first);
    const closing = t.app.close();
    closed = true;
    expect(await socket.closed()).toBe(closeCodes.SERVICE_RESTART);
    await closing;

    // Every frame as received (`next` takes the ones it waited for out of `messages`).
    const frames = socket.raw.map((text) => JSON.parse(text) as { type: string; seq?: number });
    const acked = frames.flatMap((m) => (m.type === 'answer.ack' ? [m.seq] : []));
    expect(acked).toEqual(positions.map((_, i) => first + i));
    const stored = await t.database.db
      .select({ seq: answers.seq })
      .from(answers)
      .where(and(eq(answers.attemptId, welcome.attempt.attemptId)));
    expect(stored.map((row) => Number(row.seq)).sort((a, b) => a - b)).toEqual(acked);
  });
});
