import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sittings, users } from '../../server/src/db/schema/index.js';
import { sebHash } from '../../server/src/modules/seb/index.js';
import { ExamSocket, fixedForm, seedOpenSitting } from '../../server/test/helpers/exam-fixture.js';
import {
  createTestApp,
  loginAs,
  TEST_ORIGIN,
  type TestApp,
} from '../../server/test/helpers/test-app.js';

/** Attack suite case 16: a sitting that requires Safe Exam Browser refuses anything else. */
const CONFIG_KEY = 'a3f1c0de5eb0000000000000000000000000000000000000000000000000beef';
const form = fixedForm();
let t: TestApp;
let candidate: string;
/** Holds the candidate role and the grader role: checked on what acts on their attempt. */
let candidateGrader: string;

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  const { sittingId } = await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test'],
  });
  await t.database.db
    .update(users)
    .set({ roles: ['candidate', 'grader'] })
    .where(eq(users.email, 'mentor.policy@demo.test'));
  await t.database.db
    .update(sittings)
    .set({ policies: { seb: { required: true, configKeys: [CONFIG_KEY], browserExamKeys: [] } } })
    .where(eq(sittings.id, sittingId));
  candidate = await loginAs(t.app, 'candidate@demo.test');
  candidateGrader = await loginAs(t.app, 'mentor.policy@demo.test');
});
afterAll(() => t.close());

const sessionUrl = `${TEST_ORIGIN}/api/auth/session`;

describe('Safe Exam Browser', () => {
  it('refuses a candidate request without the Config Key hash, and audits it', async () => {
    const response = await t.app.inject({
      url: '/api/auth/session',
      headers: { cookie: candidate },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('SEB_REQUIRED');
    // The audit entry is written beside the refusal, not before it: wait for it.
    const refusals = () =>
      t.database.db.select().from(auditLog).where(eq(auditLog.action, 'seb.refused'));
    await expect.poll(async () => (await refusals()).length).toBeGreaterThan(0);
  });

  it('admits a request whose hash is SHA-256 of its own full URL and the key', async () => {
    const response = await t.app.inject({
      url: '/api/auth/session',
      headers: {
        cookie: candidate,
        'x-safeexambrowser-configkeyhash': sebHash(sessionUrl, CONFIG_KEY),
      },
    });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a valid hash replayed on another URL, and a hash made with another key', async () => {
    const replayed = await t.app.inject({
      url: '/api/auth/session?x=1',
      headers: {
        cookie: candidate,
        'x-safeexambrowser-configkeyhash': sebHash(sessionUrl, CONFIG_KEY),
      },
    });
    expect(replayed.statusCode).toBe(403);
    const wrongKey = await t.app.inject({
      url: '/api/auth/session',
      headers: {
        cookie: candidate,
        'x-safeexambrowser-configkeyhash': sebHash(sessionUrl, 'another-key'),
      },
    });
    expect(wrongKey.statusCode).toBe(403);
  });

  it('checks the websocket upgrade too', async () => {
    await expect(ExamSocket.connect(t.app, candidate)).rejects.toThrow('403');
    const socket = await ExamSocket.connect(t.app, candidate, {
      headers: { 'x-safeexambrowser-configkeyhash': sebHash(`${TEST_ORIGIN}/ws/exam`, CONFIG_KEY) },
    });
    const welcome = await socket.hello();
    expect(welcome.attempt.questions).toHaveLength(60);
    socket.close();
  });

  it('leaves staff alone', async () => {
    const proctor = await loginAs(t.app, 'proctor@demo.test');
    const response = await t.app.inject({ url: '/api/auth/session', headers: { cookie: proctor } });
    expect(response.statusCode).toBe(200);
  });

  it('refuses an upper-case or wrong-length hash: SEB sends exactly 64 lower-case hex digits', async () => {
    const good = sebHash(sessionUrl, CONFIG_KEY);
    for (const sent of [good.toUpperCase(), `${good}0`, good.slice(0, 63), ` ${good.slice(1)}`]) {
      const response = await t.app.inject({
        url: '/api/auth/session',
        headers: { cookie: candidate, 'x-safeexambrowser-configkeyhash': sent },
      });
      expect(response.statusCode, sent).toBe(403);
      expect(response.json().error.code).toBe('SEB_REQUIRED');
    }
    const reasons = async () =>
      (await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'seb.refused'))).map(
        (row) => (row.details as { reason?: string }).reason,
      );
    await expect.poll(reasons).toContain('config key hash is not 64 lower-case hex digits');
  });
});

describe('Safe Exam Browser for a candidate who is also a grader', () => {
  const lobbyUrl = `${TEST_ORIGIN}/api/proctoring/lobby`;

  it('checks every request that acts on their attempt', async () => {
    const refused = await t.app.inject({
      url: '/api/proctoring/lobby',
      headers: { cookie: candidateGrader },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('SEB_REQUIRED');
    const admitted = await t.app.inject({
      url: '/api/proctoring/lobby',
      headers: {
        cookie: candidateGrader,
        'x-safeexambrowser-configkeyhash': sebHash(lobbyUrl, CONFIG_KEY),
      },
    });
    expect(admitted.statusCode).toBe(200);
  });

  it('checks their websocket upgrade', async () => {
    await expect(ExamSocket.connect(t.app, candidateGrader)).rejects.toThrow('403');
    await expect(
      ExamSocket.connect(t.app, candidateGrader, {
        headers: {
          'x-safeexambrowser-configkeyhash': sebHash(
            `${TEST_ORIGIN}/ws/exam`,
            CONFIG_KEY,
          ).toUpperCase(),
        },
      }),
    ).rejects.toThrow('403');
    const socket = await ExamSocket.connect(t.app, candidateGrader, {
      headers: { 'x-safeexambrowser-configkeyhash': sebHash(`${TEST_ORIGIN}/ws/exam`, CONFIG_KEY) },
    });
    const welcome = await socket.hello();
    expect(welcome.attempt.questions).toHaveLength(60);
    socket.close();
  });

  it('leaves their grader pages and their session alone: those do not act on an attempt', async () => {
    for (const url of ['/api/grading/queue', '/api/auth/session']) {
      const response = await t.app.inject({ url, headers: { cookie: candidateGrader } });
      expect(response.statusCode, url).toBe(200);
    }
  });
});
