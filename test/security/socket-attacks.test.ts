import { randomBytes } from 'node:crypto';
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
import { ProctorSocket } from '../../server/test/helpers/proctor-fixture.js';
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
let sittingId: string;
const open: ExamSocket[] = [];

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  ({ sittingId } = await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: [
      'candidate@demo.test',
      'mentor.policy@demo.test',
      'mentor.research@demo.test',
      'mentor.clinical@demo.test',
    ],
    vignetteSets: true,
  }));
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

/**
 * Upgrades a raw socket, then writes one frame of `bytes` in slices as a slow uplink would,
 * reading nothing until all of it is written (a busy client). Resolves with the close code of
 * the first frame the server sent, or the transport error that ended the connection instead.
 */
function slowFrame(cookie: string, bytes: number): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.pause();
    const received: Buffer[] = [];
    let failure = '';
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', (error) => (failure ||= error.message));
    socket.on('close', () => {
      const all = Buffer.concat(received);
      const frame = all.subarray(all.indexOf('\r\n\r\n') + 4);
      if (frame.length >= 4 && (frame[0]! & 0x0f) === 0x8) resolve(frame.readUInt16BE(2));
      else resolve(failure || `no close frame (${frame.length} bytes)`);
    });
    const header = Buffer.alloc(14);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(bytes), 2);
    randomBytes(4).copy(header, 10);
    const payload = Buffer.alloc(bytes, 0x20);
    const slice = 128 * 1024;
    let offset = 0;
    const writeNext = () => {
      if (socket.destroyed) return;
      if (offset >= payload.length) {
        socket.resume();
        setTimeout(() => socket.end(), 200);
        return;
      }
      const part = payload.subarray(offset, offset + slice);
      offset += slice;
      socket.write(part, () => setTimeout(writeNext, 5));
    };
    socket.on('connect', () => {
      socket.write(
        `GET /ws/exam HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          `Origin: ${TEST_ORIGIN}\r\nCookie: ${cookie}\r\n\r\n`,
      );
      socket.write(header, () => setTimeout(writeNext, 50));
    });
  });
}

async function openSockets(cookies: string[]): Promise<ExamSocket[]> {
  const sockets: ExamSocket[] = [];
  // One after the other: "newest" must mean something.
  for (const cookie of cookies) sockets.push(await connect(cookie));
  return sockets;
}

/** Waits until every socket has been closed by the server. */
function closedCodes(sockets: ExamSocket[]): Promise<(number | undefined)[]> {
  return Promise.all(sockets.map((socket) => socket.closed(5000)));
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
    expect((await socket.next('error')).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await socket.closed()).toBe(closeCodes.MESSAGE_TOO_BIG);
    const drafting = await connect(await signedIn('mentor.policy@demo.test'));
    await drafting.hello();
    drafting.ws.send('x'.repeat(DRAFT_MAX_FRAME_BYTES + 1));
    expect(await drafting.closed()).toBe(closeCodes.MESSAGE_TOO_BIG);
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

  it('26. a 2 MB frame is closed with 1009 the client can read, even from slow writers under load', async () => {
    // Four candidates at once, each from a fresh sign-in (one socket each, under every cap).
    const cookies = await Promise.all(
      ['candidate', 'mentor.policy', 'mentor.research', 'mentor.clinical'].map((name) =>
        loginAs(t.app, `${name}@demo.test`),
      ),
    );
    const codes = await Promise.all(cookies.map((cookie) => slowFrame(cookie, 2 * 1024 * 1024)));
    expect(codes).toEqual(cookies.map(() => closeCodes.MESSAGE_TOO_BIG));
    // The same through a real client, several at once.
    const sockets = await Promise.all(
      cookies.map(async (cookie) => {
        const socket = await ExamSocket.connect(t.app, cookie);
        open.push(socket);
        return socket;
      }),
    );
    for (const socket of sockets) socket.ws.send('y'.repeat(2 * 1024 * 1024));
    expect(await closedCodes(sockets)).toEqual(sockets.map(() => closeCodes.MESSAGE_TOO_BIG));
  });

  it('27. lets a burst through (a reconnect replaying its outbox) but not a sustained flood', async () => {
    const socket = await connect(await signedIn('mentor.clinical@demo.test'));
    for (let i = 0; i < 150; i += 1) socket.send({ type: 'time.sync', clientSentAt: i });
    await socket.next('time.sync', (m) => m.clientSentAt === 149);
    expect(socket.closeCode).toBeUndefined();
    const flood = setInterval(() => {
      for (let i = 0; i < 30; i += 1) socket.send({ type: 'time.sync', clientSentAt: i });
    }, 50);
    try {
      expect(await socket.closed(10_000)).toBe(closeCodes.RATE_LIMITED);
    } finally {
      clearInterval(flood);
    }
    expect((await socket.next('error')).code).toBe('RATE_LIMITED');
  });

  it('23. caps the sockets of one sign-in: of 20, the newest takes over and the others are told', async () => {
    const cookie = await signedIn('candidate@demo.test');
    const sockets = await openSockets(Array.from({ length: 20 }, () => cookie));
    const newest = sockets.pop()!;
    expect(await closedCodes(sockets)).toEqual(sockets.map(() => closeCodes.TAKEN_OVER));
    expect((await sockets[0]!.next('error')).code).toBe('TAKEN_OVER');
    expect(newest.closeCode).toBeUndefined();
    await newest.hello();
    newest.send({ type: 'time.sync', clientSentAt: 1 });
    await newest.next('time.sync');
  });

  it('24. caps the sockets of one attempt across sign-ins, never displacing the one bound to it', async () => {
    const bound = await connect(await signedIn('mentor.clinical@demo.test'));
    await bound.hello();
    const others = await openSockets(
      await Promise.all(
        Array.from({ length: 5 }, () => loginAs(t.app, 'mentor.clinical@demo.test')),
      ),
    );
    // Three at most per candidate: the bound one and the two newest; the oldest waiting ones go.
    expect(await closedCodes(others.slice(0, 3))).toEqual([4409, 4409, 4409]);
    expect(others.slice(3).map((s) => s.closeCode)).toEqual([undefined, undefined]);
    bound.send({ type: 'time.sync', clientSentAt: 7 });
    await bound.next('time.sync', (m) => m.clientSentAt === 7);
    expect(bound.closeCode).toBeUndefined();
  });

  it('25. caps the proctor dashboards of one sign-in: the oldest gives way, told why', async () => {
    const cookie = await loginAs(t.app, 'coordinator@demo.test');
    const dashboards: ProctorSocket[] = [];
    for (let i = 0; i < 6; i += 1)
      dashboards.push(await ProctorSocket.connect(t.app, cookie, sittingId));
    const closeOf = (d: ProctorSocket) =>
      d.closeCode !== undefined
        ? Promise.resolve(d.closeCode)
        : new Promise<number>((resolve) => d.ws.once('close', resolve));
    expect(await Promise.all(dashboards.slice(0, 2).map(closeOf))).toEqual([4409, 4409]);
    await dashboards[5]!.hello();
    expect(dashboards.slice(2).map((d) => d.closeCode)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    for (const d of dashboards) d.close();
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
