import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCodes } from '@exam/shared/protocol';
import { auditLog } from '../src/db/schema/index.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { loginAs } from './helpers/test-app.js';
import { createTwoInstances, type TwoInstances } from './helpers/two-instances.js';

/**
 * One device at a time holds across instances: an exam opened on B by a second sign-in takes
 * the attempt from the socket on A, which is told and closed there, and the takeover is audited
 * once, as it is when both sockets are on one instance.
 */
let t: TwoInstances;
const sockets: ExamSocket[] = [];

beforeAll(async () => {
  t = await createTwoInstances({ listen: true });
}, 120_000);
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

async function examOn(app: TwoInstances['a'], cookie: string) {
  const socket = await ExamSocket.connect(app, cookie);
  sockets.push(socket);
  return { socket, welcome: await socket.hello() };
}

describe('taking an attempt over from another instance', () => {
  it('closes the first socket on A with the takeover code, keeps B, and audits it once', async () => {
    const first = await examOn(t.a, await loginAs(t.a, 'candidate@demo.test'));
    const attemptId = first.welcome.attempt.attemptId;
    const second = await examOn(t.b, await loginAs(t.b, 'candidate@demo.test'));
    expect(second.welcome.attempt.attemptId).toBe(attemptId);

    const notice = await first.socket.next('error', (m) => m.code === 'TAKEN_OVER');
    expect(notice.message).toMatch(/another device/);
    expect(await first.socket.closed()).toBe(closeCodes.TAKEN_OVER);
    expect(second.socket.closeCode).toBeUndefined();

    // The audit is written as the socket gives way; wait for it rather than for a set time.
    const takeovers = () =>
      t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'attempt.takeover'), eq(auditLog.subjectId, attemptId)));
    let entries = await takeovers();
    for (let tries = 0; entries.length === 0 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      entries = await takeovers();
    }
    expect(entries).toHaveLength(1);
  });
});
