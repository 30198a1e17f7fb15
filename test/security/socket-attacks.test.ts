import {
  closeCodes,
  DRAFT_MAX_FRAME_BYTES,
  PART_ONE_MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
} from '@exam/shared/protocol';
import { describe, expect, it } from 'vitest';
import { ExamSocket } from '../../server/test/helpers/exam-fixture.js';
import { loginAs, TEST_ORIGIN } from '../../server/test/helpers/test-app.js';
import { rawRequest, slowFrame } from './raw-socket.js';
import { closedCodes, useSocketAttackServer } from './socket-attack-server.js';

/** Attack suite, websocket cases: each is refused with a clear error and changes nothing. */
const attack = useSocketAttackServer();
const { connect, signedIn, savesOf } = attack;

describe('attack suite: the exam socket', () => {
  it('1. refuses an upgrade from a foreign Origin carrying a valid session cookie', async () => {
    const cookie = await loginAs(attack.t.app, 'candidate@demo.test');
    await expect(connect(cookie, { origin: 'https://attacker.example' })).rejects.toThrow('403');
  });

  it('2. refuses no, expired and revoked sessions, and closes an open socket at logout', async () => {
    await expect(connect(undefined)).rejects.toThrow('401');
    const expired = await loginAs(attack.t.app, 'mentor.research@demo.test');
    attack.t.clock.advance(13 * 3_600_000);
    await expect(connect(expired)).rejects.toThrow('401');
    attack.t.clock.advance(-13 * 3_600_000);
    const cookie = await loginAs(attack.t.app, 'mentor.research@demo.test');
    const socket = await connect(cookie);
    await socket.hello();
    await attack.t.app.inject({
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
        loginAs(attack.t.app, `${name}@demo.test`),
      ),
    );
    const codes = await Promise.all(
      cookies.map((cookie) => slowFrame(attack.port, cookie, 2 * 1024 * 1024)),
    );
    expect(codes).toEqual(cookies.map(() => closeCodes.MESSAGE_TOO_BIG));
    // The same through a real client, several at once.
    const sockets = await Promise.all(
      cookies.map(async (cookie) => {
        const socket = await ExamSocket.connect(attack.t.app, cookie);
        attack.track(socket);
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
    const answer = await rawRequest(attack.port, [
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
    const elsewhere = await connect(await loginAs(attack.t.app, 'mentor.research@demo.test'));
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
    const answer = await rawRequest(attack.port, lines, 500);
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
