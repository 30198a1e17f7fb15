import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeCodes, PART_ONE_MAX_FRAME_BYTES } from '@exam/shared/protocol';
import { answers, auditLog } from '../src/db/schema/index.js';
import { ExamSocket, fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const form = fixedForm();
let t: TestApp;
let casey: string;
let morgan: string;
const open: ExamSocket[] = [];

async function connect(
  cookie: string | undefined,
  options?: Parameters<typeof ExamSocket.connect>[2],
) {
  const socket = await ExamSocket.connect(t.app, cookie, options);
  open.push(socket);
  return socket;
}

async function startedSocket(cookie: string) {
  const socket = await connect(cookie);
  const welcome = await socket.hello();
  if (welcome.attempt.parts[0]?.status === 'not-started') {
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update');
  }
  return { socket, welcome };
}

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test'],
  });
  casey = await loginAs(t.app, 'candidate@demo.test');
  morgan = await loginAs(t.app, 'mentor.policy@demo.test');
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
afterAll(() => t.close());

async function storedAnswer(position: number) {
  const attemptId = (
    await t.app.exam.delivery.openForCandidate(await userId('candidate@demo.test'))
  ).attemptId;
  const rows = await t.database.db
    .select()
    .from(answers)
    .where(and(eq(answers.attemptId, attemptId), eq(answers.position, position)));
  return rows[0];
}

async function userId(email: string): Promise<string> {
  const response = await t.app.inject({
    url: '/api/auth/session',
    headers: { cookie: email === 'candidate@demo.test' ? casey : morgan },
  });
  return response.json().user.id;
}

describe('upgrade', () => {
  it('refuses a foreign origin even with a valid session', async () => {
    await expect(connect(casey, { origin: 'https://evil.example' })).rejects.toThrow('403');
  });

  it('refuses no session, and staff roles', async () => {
    await expect(connect(undefined)).rejects.toThrow('401');
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    await expect(connect(proctor)).rejects.toThrow('403');
  });

  it('does not negotiate compression', async () => {
    const socket = await connect(casey, {
      headers: { 'sec-websocket-extensions': 'permessage-deflate' },
    });
    expect(socket.ws.extensions).toBe('');
  });
});

describe('saving answers', () => {
  it('welcomes with questions in display order and no key', async () => {
    const { welcome } = await startedSocket(casey);
    expect(welcome.attempt.questions).toHaveLength(60);
    expect(welcome.attempt.sittingName).toBe('Test sitting');
    const raw = JSON.stringify(welcome);
    expect(raw).not.toMatch(/key|correct|domain/i);
  });

  it('acknowledges a save only after it is stored', async () => {
    const { socket, welcome } = await startedSocket(casey);
    const seq = welcome.attempt.maxSeq + 1;
    socket.send({ type: 'answer.save', seq, position: 1, choice: 2, flagged: false });
    await socket.next('answer.ack', (m) => m.seq === seq);
    expect(await storedAnswer(1)).toMatchObject({ choice: 2, seq });
  });

  it('treats duplicates as idempotent and never lets an older change win', async () => {
    const { socket, welcome } = await startedSocket(casey);
    const base = welcome.attempt.maxSeq;
    socket.send({ type: 'answer.save', seq: base + 2, position: 2, choice: 3, flagged: true });
    await socket.next('answer.ack', (m) => m.seq === base + 2);
    socket.send({ type: 'answer.save', seq: base + 1, position: 2, choice: 0, flagged: false });
    await socket.next('answer.ack', (m) => m.seq === base + 1);
    socket.send({ type: 'answer.save', seq: base + 2, position: 2, choice: 3, flagged: true });
    await socket.next('answer.ack', (m) => m.seq === base + 2);
    expect(await storedAnswer(2)).toMatchObject({ choice: 3, flagged: true, seq: base + 2 });
  });

  it('refuses a reused sequence number carrying other content', async () => {
    const { socket, welcome } = await startedSocket(casey);
    const seq = welcome.attempt.maxSeq + 1;
    socket.send({ type: 'answer.save', seq, position: 3, choice: 1, flagged: false });
    await socket.next('answer.ack', (m) => m.seq === seq);
    socket.send({ type: 'answer.save', seq, position: 3, choice: 2, flagged: false });
    const rejected = await socket.next('answer.rejected', (m) => m.seq === seq);
    expect(rejected.code).toBe('SEQ_REUSED');
    expect(await storedAnswer(3)).toMatchObject({ choice: 1 });
  });

  it('refuses a question that is not on the form', async () => {
    const { socket, welcome } = await startedSocket(casey);
    const seq = welcome.attempt.maxSeq + 1;
    socket.send({ type: 'answer.save', seq, position: 61, choice: 1, flagged: false });
    expect((await socket.next('answer.rejected')).code).toBe('UNKNOWN_QUESTION');
  });

  it('answers malformed and wrong-shaped messages with a clear error and keeps the socket', async () => {
    const { socket, welcome } = await startedSocket(casey);
    socket.ws.send('{not json');
    expect((await socket.next('error')).code).toBe('BAD_MESSAGE');
    socket.send({ type: 'answer.save', seq: 'one', position: { a: 1 }, choice: 9, flagged: 'yes' });
    expect((await socket.next('error')).message).toMatch(/wrong shape/);
    socket.send({ type: 'answer.save', seq: 1e300, position: 1, choice: 1, flagged: false });
    expect((await socket.next('error')).code).toBe('BAD_MESSAGE');
    const seq = welcome.attempt.maxSeq + 1;
    socket.send({ type: 'answer.save', seq, position: 4, choice: 0, flagged: false });
    await socket.next('answer.ack', (m) => m.seq === seq);
  });

  it('closes on a frame over the cap', async () => {
    const { socket } = await startedSocket(casey);
    socket.ws.send('x'.repeat(PART_ONE_MAX_FRAME_BYTES + 1));
    expect(await socket.closed()).toBe(closeCodes.MESSAGE_TOO_BIG);
  });

  it('refuses a stale protocol version', async () => {
    const socket = await connect(casey);
    socket.send({ type: 'hello', protocolVersion: 0, lastAckedSeq: 0 });
    expect(await socket.closed()).toBe(closeCodes.UPGRADE_REQUIRED);
  });

  it('keeps candidates apart: each reaches only their own attempt', async () => {
    const first = await startedSocket(casey);
    const seq = first.welcome.attempt.maxSeq + 1;
    first.socket.send({ type: 'answer.save', seq, position: 10, choice: 1, flagged: false });
    await first.socket.next('answer.ack');
    const other = await startedSocket(morgan);
    expect(other.welcome.attempt.answers.find((a) => a.position === 10)).toBeUndefined();
  });
});

describe('takeover', () => {
  it('hands the attempt to the newest connection, tells the old one why, and audits it', async () => {
    const first = await startedSocket(casey);
    const second = await startedSocket(casey);
    const notice = await first.socket.next('error', (m) => m.code === 'TAKEN_OVER');
    expect(notice.message).toMatch(/another tab/);
    expect(await first.socket.closed()).toBe(closeCodes.TAKEN_OVER);
    const seq = second.welcome.attempt.maxSeq + 1;
    second.socket.send({ type: 'answer.save', seq, position: 5, choice: 3, flagged: false });
    await second.socket.next('answer.ack');
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'attempt.takeover'));
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('rate limit', () => {
  it('cuts off a flooding connection without affecting another candidate', async () => {
    const flooder = await startedSocket(casey);
    const calm = await startedSocket(morgan);
    // Past the burst a reconnect's replay may use: a flood, not a replay.
    for (let i = 0; i < 500; i += 1) flooder.socket.send({ type: 'time.sync', clientSentAt: i });
    expect(await flooder.socket.closed()).toBe(closeCodes.RATE_LIMITED);
    const seq = calm.welcome.attempt.maxSeq + 1;
    calm.socket.send({ type: 'answer.save', seq, position: 1, choice: 1, flagged: false });
    await calm.socket.next('answer.ack');
  });
});
