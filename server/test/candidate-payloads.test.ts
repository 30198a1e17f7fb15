import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { createBankService } from '../src/modules/bank/index.js';
import { createAuditService } from '../src/modules/audit/index.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

/**
 * Everything a candidate's browser can receive, over HTTP and the exam socket, must carry no
 * answer key: no key field, and no way to tell the keyed option from the others.
 */
let t: TestApp;
let cookie: string;
const payloads: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  cookie = await loginAs(t.app, 'candidate@demo.test');
});
afterAll(() => t.close());

describe('candidate payloads', () => {
  it('collects every HTTP answer a candidate can get', async () => {
    for (const route of t.app.routeAccess) {
      const admitted =
        route.access === 'public' ||
        route.access === 'authenticated' ||
        route.access.includes('candidate');
      // Logging out would end the session the rest of the test uses.
      if (!admitted || route.url.startsWith('/ws') || route.url.endsWith('/logout')) continue;
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000'),
        headers: { cookie, origin: TEST_ORIGIN },
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      payloads.push(response.body);
    }
    expect(payloads.length).toBeGreaterThan(0);
  });

  it('collects every websocket message of a whole Part One', async () => {
    const socket = await ExamSocket.connect(t.app, cookie);
    const welcome = await socket.hello();
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update');
    for (let position = 1; position <= 5; position += 1) {
      const seq = welcome.attempt.maxSeq + position;
      socket.send({ type: 'answer.save', seq, position, choice: position % 4, flagged: false });
      await socket.next('answer.ack', (m) => m.seq === seq);
    }
    socket.send({ type: 'part.submit', part: 1 });
    await socket.next('part.closed');
    await socket.next('welcome');
    payloads.push(...socket.raw);
    socket.close();
  });

  it('finds no key in any of them', async () => {
    const all = payloads.join('\n');
    expect(all).not.toMatch(/"(key|keyIndex|correct|answerKey|isCorrect|itemVersionId)"\s*:/i);
    // The form's questions reach the candidate, but never with their key or metadata.
    const [user] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'candidate@demo.test'));
    const context = await t.app.exam.delivery.openForCandidate(user!.id);
    const bank = createBankService({
      db: t.database.db,
      clock: t.clock,
      audit: createAuditService({ clock: t.clock }),
    });
    const form = await bank.activeFormFor('IMH-E');
    const items = await bank.formItems(form!.formId);
    expect(context.items.length).toBe(60);
    for (const item of items.slice(0, 10)) {
      expect(all).toContain(JSON.stringify(item.stem).slice(1, 40));
      expect(all).not.toContain(item.itemVersionId);
    }
    // Part One results (score, pass) stay on the server until results are released.
    expect(all).not.toMatch(/"(cutScore|byDomain|passed)"\s*:/);
  });
});
