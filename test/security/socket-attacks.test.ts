import net from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCodes,
  DRAFT_MAX_FRAME_BYTES,
  PART_ONE_MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
} from '@exam/shared/protocol';
import { answerSaves, users } from '../../server/src/db/schema/index.js';
import { ExamSocket, fixedForm, seedOpenSitting } from '../../server/test/helpers/exam-fixture.js';
import {
  createTestApp,
  loginAs,
  TEST_ORIGIN,
  type TestApp,
} from '../../server/test/helpers/test-app.js';

/** Attack suite, websocket cases: each is refused with a clear error and changes nothing. */
const form = fixedForm();
let t: TestApp;
let port: number;
const open: ExamSocket[] = [];

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test', 'mentor.research@demo.test'],
    vignetteSets: true,
  });
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
afterAll(() => t.close());

async function connect(
  cookie: string | undefined,
  options?: Parameters<typeof ExamSocket.connect>[2],
) {
  const socket = await ExamSocket.connect(t.app, cookie, options);
  open.push(socket);
  return socket;
}

/** One sign-in per candidate: another sign-in would need a proctor's resume code to take over. */
const sessions = new Map<string, string>();
async function signedIn(email: string): Promise<string> {
  const cookie = sessions.get(email) ?? (await loginAs(t.app, email));
  sessions.set(email, cookie);
  return cookie;
}

async function savesOf(email: string) {
  const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
  const { attemptId } = await t.app.exam.delivery.openForCandidate(user!.id);
  return t.database.db.select().from(answerSaves).where(eq(answerSaves.attemptId, attemptId));
}

/** Sends raw bytes to the server and resolves with what it answered before closing. */
function rawRequest(chunks: string[], gapMs = 0): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    let i = 0;
    const next = () => {
      if (socket.destroyed) return;
      if (i < chunks.length) socket.write(chunks[i++]!, () => setTimeout(next, gapMs));
    };
    socket.on('connect', next);
  });
}

describe('attack suite: the exam socket', () => {
  it('1. refuses an upgrade from a foreign Origin carrying a valid session cookie', async () => {
    const cookie = await loginAs(t.app, 'candidate@demo.test');
    await expect(connect(cookie, { origin: 'https://attacker.example' })).rejects.toThrow('403');
  });

  it('2. refuses no, expired and revoked sessions, and closes an open socket at logout', async () => {
    await expect(connect(undefined)).rejects.toThrow('401');
    const expired = await loginAs(t.app, 'mentor.research@demo.test');
    t.clock.advance(13 * 3_600_000);
    await expect(connect(expired)).rejects.toThrow('401');
    t.clock.advance(-13 * 3_600_000);
    const cookie = await loginAs(t.app, 'mentor.research@demo.test');
    const socket = await connect(cookie);
    await socket.hello();
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: TEST_ORIGIN },
    });
    expect(await socket.closed(2000)).toBe(closeCodes.UNAUTHENTICATED);
    await expect(connect(cookie)).rejects.toThrow('401');
  });

  it('4. closes on frames over the cap for each part', async () => {
    const socket = await connect(await signedIn('candidate@demo.test'));
    await socket.hello();
    socket.ws.send('x'.repeat(PART_ONE_MAX_FRAME_BYTES + 1));
    expect(await socket.closed()).toBe(closeCodes.PAYLOAD_TOO_LARGE);
    const drafting = await connect(await signedIn('mentor.policy@demo.test'));
    await drafting.hello();
    drafting.ws.send('x'.repeat(DRAFT_MAX_FRAME_BYTES + 1));
    expect([1009, closeCodes.PAYLOAD_TOO_LARGE]).toContain(await drafting.closed());
  });

  it('5. cuts a flooding candidate off while another is unaffected', async () => {
    const flooder = await connect(await signedIn('candidate@demo.test'));
    const calm = await connect(await signedIn('mentor.policy@demo.test'));
    const welcome = await calm.hello();
    await flooder.hello();
    for (let i = 0; i < 500; i += 1) flooder.send({ type: 'time.sync', clientSentAt: i });
    expect(await flooder.closed()).toBe(closeCodes.RATE_LIMITED);
    if (welcome.attempt.parts[0]?.status === 'not-started') {
      calm.send({ type: 'part.start', part: 1 });
      await calm.next('clock.update');
    }
    calm.send({
      type: 'answer.save',
      seq: welcome.attempt.maxSeq + 1,
      position: 1,
      choice: 0,
      flagged: false,
    });
    await calm.next('answer.ack');
  });

  it('6. does not negotiate permessage-deflate', async () => {
    const socket = await connect(await signedIn('candidate@demo.test'), {
      headers: { 'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits' },
    });
    expect(socket.ws.extensions).toBe('');
  });

  it('7. refuses an upgrade with thousands of headers', async () => {
    const headers = Array.from({ length: 3000 }, (_, i) => `x-h${i}: ${'v'.repeat(8)}\r\n`).join(
      '',
    );
    const answer = await rawRequest([
      `GET /ws/exam HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${headers}\r\n`,
    ]);
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
  });

  it('8. cannot address another attempt, nor a question not on the form', async () => {
    const socket = await connect(await signedIn('mentor.research@demo.test'));
    const welcome = await socket.hello();
    if (welcome.attempt.parts[0]?.status === 'not-started') {
      socket.send({ type: 'part.start', part: 1 });
      await socket.next('clock.update');
    }
    const before = (await savesOf('candidate@demo.test')).length;
    socket.send({
      type: 'answer.save',
      attemptId: 'someone-else',
      seq: 900,
      position: 1,
      choice: 1,
      flagged: false,
    });
    expect((await socket.next('error')).code).toBe('BAD_MESSAGE');
    socket.send({ type: 'answer.save', seq: 901, position: 61, choice: 1, flagged: false });
    expect((await socket.next('answer.rejected')).code).toBe('UNKNOWN_QUESTION');
    expect((await savesOf('candidate@demo.test')).length).toBe(before);
  });

  it('9 and 10. refuses saves before start and after submit, and a replayed sequence number with other content', async () => {
    const socket = await connect(await signedIn('mentor.policy@demo.test'));
    const welcome = await socket.hello();
    const seq = welcome.attempt.maxSeq + 1;
    if (welcome.attempt.parts[0]?.status === 'not-started') {
      socket.send({ type: 'answer.save', seq, position: 2, choice: 1, flagged: false });
      expect((await socket.next('answer.rejected')).code).toBe('PART_NOT_STARTED');
      socket.send({ type: 'part.start', part: 1 });
      await socket.next('clock.update');
    }
    socket.send({ type: 'answer.save', seq, position: 2, choice: 1, flagged: false });
    await socket.next('answer.ack', (m) => m.seq === seq);
    socket.send({ type: 'answer.save', seq, position: 2, choice: 3, flagged: false });
    expect((await socket.next('answer.rejected')).code).toBe('SEQ_REUSED');
    socket.send({ type: 'part.submit', part: 1 });
    await socket.next('part.closed');
    socket.send({ type: 'answer.save', seq: seq + 1, position: 3, choice: 1, flagged: false });
    expect((await socket.next('answer.rejected')).code).toMatch(/PART_CLOSED|DEADLINE_PASSED/);
    const stored = await savesOf('mentor.policy@demo.test');
    expect(stored.filter((s) => s.position === 2).map((s) => s.choice)).toEqual([1]);
  });

  it('17. a second connection for one attempt takes over and the first is told; another sign-in needs a resume code', async () => {
    const cookie = await signedIn('mentor.research@demo.test');
    const first = await connect(cookie);
    const welcome = await first.hello();
    if (welcome.attempt.parts[0]?.status === 'not-started') {
      first.send({ type: 'part.start', part: 1 });
      await first.next('clock.update');
    }
    const second = await connect(cookie);
    await second.hello();
    expect((await first.next('error', (m) => m.code === 'TAKEN_OVER')).message).toMatch(/another/);
    expect(await first.closed()).toBe(closeCodes.TAKEN_OVER);
    const elsewhere = await connect(await loginAs(t.app, 'mentor.research@demo.test'));
    elsewhere.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq: 0 });
    expect((await elsewhere.next('error')).code).toBe('RESUME_CODE_REQUIRED');
    expect(await elsewhere.closed()).toBe(closeCodes.RESUME_CODE_REQUIRED);
  });

  it('21. cuts off an upgrade that trickles its headers', async () => {
    const started = Date.now();
    const lines = [
      'GET /ws/exam HTTP/1.1\r\n',
      'Host: 127.0.0.1\r\n',
      ...Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: 1\r\n`),
    ];
    const answer = await rawRequest(lines, 500);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
  }, 20_000);

  it('22. answers valid JSON of the wrong shape with BAD_MESSAGE', async () => {
    const socket = await connect(await signedIn('candidate@demo.test'));
    await socket.hello();
    for (const wrong of [
      { type: 'answer.save', seq: { $gt: 0 }, position: 1, choice: 0, flagged: false },
      { type: 'answer.save', seq: 1e308, position: 1, choice: 0, flagged: false },
      { type: 'answer.save', seq: 5, position: [1], choice: '0', flagged: null },
      [1, 2, 3],
      'hello',
      { type: 'choice.set', revision: 1, chosen: 'all' },
    ]) {
      socket.ws.send(JSON.stringify(wrong));
      expect((await socket.next('error')).code).toBe('BAD_MESSAGE');
    }
    expect(socket.closeCode).toBeUndefined();
  });
});
