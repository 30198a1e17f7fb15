import { eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RESUME_CODE_TTL_MINUTES, RESUME_CODE_WINDOW_MINUTES } from '@exam/shared/api';
import { closeCodes, PROTOCOL_VERSION } from '@exam/shared/protocol';
import { auditLog, resumeCodes } from '../src/db/schema/index.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { demoSitting, post, ProctorSocket } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let proctor: string;
let sittingId: string;
let casey: string;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  proctor = await loginAs(t.app, 'proctor@demo.test');
  const demo = await demoSitting(t.database.db);
  sittingId = demo.sittingId;
  casey = demo.enrolmentOf('candidate@demo.test');
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(() => t.close());

/** A new sign-in as Casey: a different session, as on a second device. */
const newDevice = () => loginAs(t.app, 'candidate@demo.test');

async function connect(cookie: string) {
  const socket = await ExamSocket.connect(t.app, cookie);
  sockets.push(socket);
  return socket;
}

async function issueCode(): Promise<string> {
  const response = await post(t.app, proctor, `/api/proctoring/enrolments/${casey}/resume-code`);
  expect(response.statusCode).toBe(200);
  return response.json().code;
}

const redeem = (cookie: string, code: string) =>
  post(t.app, cookie, '/api/proctoring/resume-codes/redeem', { code });

async function refused(socket: ExamSocket) {
  socket.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, lastAckedSeq: 0 });
  const error = await socket.next('error');
  expect(error.code).toBe('RESUME_CODE_REQUIRED');
  expect(await socket.closed()).toBe(closeCodes.RESUME_CODE_REQUIRED);
}

describe('resume codes', () => {
  let laptop: string;

  it('lets a first device start and return freely, and asks a second device for a code', async () => {
    laptop = await newDevice();
    const first = await connect(laptop);
    await first.hello();
    first.send({ type: 'part.start', part: 1 });
    await first.next('clock.update');
    // Another tab of the same sign-in takes over without a code, as before.
    const secondTab = await connect(laptop);
    await secondTab.hello();

    const tablet = await newDevice();
    await refused(await connect(tablet));
    // No code issued yet: nothing to redeem.
    expect((await redeem(tablet, 'ABCD-EFGH')).json().error.code).toBe('RESUME_CODE_INVALID');
  });

  it('takes the attempt over with a proctor code, once, and tells the dashboard', async () => {
    const watch = await ProctorSocket.connect(t.app, proctor, sittingId);
    sockets.push(watch);
    await watch.hello();
    // The laptop is back (its own sign-in needs no code) and holds the attempt.
    const held = await connect(laptop);
    await held.hello();
    const tablet = await newDevice();
    await refused(await connect(tablet));

    const code = await issueCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await redeem(tablet, 'WXYZ-2345')).statusCode).toBe(400);
    // Typed in lower case without the dash still works.
    const ok = await redeem(tablet, code.toLowerCase().replace('-', ''));
    expect(ok.statusCode).toBe(200);
    const takeover = watch.next('alert.raised', (m) => m.alert.kind === 'takeover');
    const resumed = await connect(tablet);
    const welcome = await resumed.hello();
    expect(welcome.attempt.parts[0]?.status).toBe('running');
    expect((await takeover).alert.message).toMatch(/different sign-in/);
    expect((await held.next('error')).code).toBe('TAKEN_OVER');

    const used = await redeem(await newDevice(), code);
    expect(used.statusCode).toBe(409);
    expect(used.json().error.code).toBe('RESUME_CODE_USED');

    // The old device now needs a code of its own: a used code does not bounce back.
    await refused(await connect(laptop));

    const stored = await t.database.db.select().from(resumeCodes);
    expect(stored.every((row) => !row.codeHash.includes(code.replace('-', '')))).toBe(true);
    const entries = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(like(auditLog.action, 'resume-code.%'));
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['resume-code.issued', 'resume-code.redeemed', 'resume-code.refused']),
    );
  });

  it('expires a code that is not used in time', async () => {
    const code = await issueCode();
    t.clock.advance((RESUME_CODE_TTL_MINUTES + 1) * 60_000);
    const response = await redeem(await newDevice(), code);
    expect(response.statusCode).toBe(410);
    expect(response.json().error.code).toBe('RESUME_CODE_EXPIRED');
  });

  it('voids a code after five wrong guesses, and a new code voids the old one', async () => {
    const phone = await newDevice();
    const first = await issueCode();
    const second = await issueCode();
    expect((await redeem(phone, first)).json().error.code).toBe('RESUME_CODE_INVALID');
    for (let i = 0; i < 5; i += 1) await redeem(phone, `ZZZZ-ZZZ${i + 2}`);
    expect((await redeem(phone, second)).json().error.code).toBe('RESUME_CODE_INVALID');
    const [voided] = await t.database.db
      .select()
      .from(resumeCodes)
      .where(eq(resumeCodes.failedAttempts, 5));
    expect(voided?.revokedAt).not.toBeNull();
  });

  it('needs no code once the previous device has been gone for the whole window', async () => {
    const desktop = await newDevice();
    expect((await redeem(desktop, await issueCode())).statusCode).toBe(200);
    const holder = await connect(desktop);
    await holder.hello();
    holder.close();
    await holder.closed();
    // Just gone: another sign-in still needs a code...
    const kiosk = await newDevice();
    await refused(await connect(kiosk));
    // ...until the previous device has been away for the whole window.
    t.clock.advance((RESUME_CODE_WINDOW_MINUTES + 1) * 60_000);
    const welcome = await (await connect(kiosk)).hello();
    expect(welcome.attempt.parts[0]?.status).toBe('running');
  });
});
