import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attemptParts,
  attempts,
  lateChanges,
  sittingProctors,
  users,
} from '../src/db/schema/index.js';
import { associationB, auditCount, send, type AssociationB } from './helpers/association-b.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { demoSitting, ProctorSocket } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Issue 20: a proctor or coordinator of association B reaches none of association A's sittings,
 * candidates, attempts, incidents, late changes, resume codes or results. Each answers exactly
 * as a missing object does (404) and nothing changes. The demo's own association plays A.
 */
let t: TestApp;
let b: AssociationB;
let sittingId: string;
let enrolmentId: string;
let attemptId: string;
let formId: string;
let lateChangeId: string;
let exam: ExamSocket;

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  const { db } = t.database;
  b = await associationB(t.app, db);
  const demo = await demoSitting(db);
  sittingId = demo.sittingId;
  enrolmentId = demo.enrolmentOf('candidate@demo.test');
  // Casey opens the exam, so A has an attempt; a held late change hangs off it.
  exam = await ExamSocket.connect(t.app, await loginAs(t.app, 'candidate@demo.test'));
  await exam.hello();
  const [attempt] = await db.select().from(attempts).where(eq(attempts.enrolmentId, enrolmentId));
  attemptId = attempt!.id;
  formId = attempt!.formId;
  const [late] = await db
    .insert(lateChanges)
    .values({
      attemptId,
      part: 1,
      kind: 'answer',
      position: 1,
      seq: 1,
      payload: { choice: 0, flagged: false },
      arrivedAt: new Date(t.clock.now()),
    })
    .returning({ id: lateChanges.id });
  lateChangeId = late!.id;
  // B's proctor is even put on A's sitting's proctor list: the association, not the list, decides.
  const [proctorB] = await db.select().from(users).where(eq(users.email, 'proctor@osa.example'));
  await db.insert(sittingProctors).values({ sittingId, proctorId: proctorB!.id });
});
afterAll(async () => {
  exam.close();
  await t.close();
});

const reason = { reason: 'Not your sitting' };

/** Every HTTP request of the proctor console and coordinator pages on A's objects. */
function requestsOnA(): [method: 'GET' | 'POST' | 'PUT', url: string, body?: object][] {
  const candidate = `/api/proctoring/enrolments/${enrolmentId}`;
  const sitting = `/api/proctoring/sittings/${sittingId}`;
  const results = `/api/results/sittings/${sittingId}`;
  const uuid = '00000000-0000-4000-8000-000000000009';
  return [
    ['POST', `${candidate}/admit`, {}],
    ['POST', `${candidate}/pause`, reason],
    ['POST', `${candidate}/resume`, reason],
    ['POST', `${candidate}/extend`, { minutes: 5, ...reason }],
    ['POST', `${candidate}/end`, reason],
    ['POST', `${candidate}/credit`, { disconnectId: 1, ...reason }],
    ['GET', `${candidate}/disconnects`],
    ['GET', `${candidate}/ledger`],
    ['POST', `${candidate}/resume-code`, {}],
    ['POST', `${sitting}/pause`, reason],
    ['POST', `${sitting}/resume`, reason],
    ['POST', `${sitting}/incidents`, { enrolmentId: null, category: 'other', note: 'Noise' }],
    ['GET', `${sitting}/incident-report`],
    ['GET', `${sitting}/incident-report.csv`],
    ['GET', `${sitting}/late-changes`],
    [
      'POST',
      `/api/proctoring/late-changes/${lateChangeId}/decision`,
      { decision: 'accept', ...reason },
    ],
    ['GET', `/api/attempts/${attemptId}/responses`],
    ['GET', `/api/attempts/${attemptId}/responses/1/history`],
    ['POST', `/api/attempts/${attemptId}/responses/1/restore`, { snapshotId: 1, ...reason }],
    ['GET', `/api/scoring-corrections/sittings/${sittingId}`],
    ['GET', `/api/analysis/forms/${formId}?sittingId=${sittingId}`],
    ['GET', `/api/analysis/forms/${formId}/analysis.csv?sittingId=${sittingId}`],
    // Pooled over every sitting of the form: one of them is A's, so B may not have it either.
    ['GET', `/api/analysis/forms/${formId}`],
    [
      'POST',
      `/api/scoring-corrections/sittings/${sittingId}`,
      { kind: 'void', formId: uuid, position: 1, reason: 'Not our sitting' },
    ],
    ['GET', results],
    ['PUT', `${results}/rules`, { tolerancePerCriterion: 1, toleranceTotal: 4, passingRules: {} }],
    ['POST', `${results}/release`, {}],
    ['GET', `${results}/results.csv`],
    ['GET', `${results}/scores.csv`],
    ['GET', `${results}/feedback`],
    ['PUT', `${results}/feedback/comment`, { assignmentId: uuid, criterionId: 'c1', text: 'x' }],
    [
      'POST',
      `${results}/feedback/approvals`,
      { approvals: [{ candidateId: uuid, fingerprint: 'a'.repeat(64) }] },
    ],
  ];
}

describe("association B's staff on association A's objects", () => {
  it('answers every request with 404, as for a missing object, and changes nothing', async () => {
    const { db } = t.database;
    const auditBefore = await auditCount(db);
    const failures: string[] = [];
    for (const [who, cookie] of [
      ['proctor', b.proctor],
      ['coordinator', b.coordinator],
    ] as const) {
      for (const [method, url, body] of requestsOnA()) {
        // A proctor has no results or responses pages at all: refused by role before any lookup.
        const coordinatorsOnly = [
          '/api/results',
          '/api/attempts',
          '/api/scoring-corrections',
          '/api/analysis',
        ];
        const forbiddenHere = who === 'proctor' && coordinatorsOnly.some((p) => url.startsWith(p));
        const response = await send(t.app, cookie, method, url, body);
        const expected = forbiddenHere ? 403 : 404;
        if (response.statusCode !== expected)
          failures.push(`${who} ${method} ${url}: ${response.statusCode} ${response.body}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await auditCount(db)).toBe(auditBefore);
    const [late] = await db.select().from(lateChanges).where(eq(lateChanges.id, lateChangeId));
    expect(late!.status).toBe('held');
  });

  it('lists none of A’s sittings to B’s proctor and coordinator; A’s coordinator sees them', async () => {
    // Analysis lists a sitting once a Part One has closed in it: close Casey's for this check
    // (so B's empty list proves the scope, not an empty sitting), and reopen it after.
    const { db } = t.database;
    const partOne = and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1));
    await db.update(attemptParts).set({ closedAt: new Date() }).where(partOne);
    for (const cookie of [b.proctor, b.coordinator]) {
      const list = await send(t.app, cookie, 'GET', '/api/proctoring/sittings');
      expect(list.statusCode).toBe(200);
      expect(list.json().sittings.map((s: { id: string }) => s.id)).not.toContain(sittingId);
    }
    const results = await send(t.app, b.coordinator, 'GET', '/api/results/sittings');
    expect(results.json().sittings.map((s: { id: string }) => s.id)).not.toContain(sittingId);
    const analysed = await send(t.app, b.coordinator, 'GET', '/api/analysis/scopes');
    expect(analysed.json().scopes).toEqual([]);

    const coordinatorA = await loginAs(t.app, 'coordinator@demo.test');
    const mine = await send(t.app, coordinatorA, 'GET', '/api/results/sittings');
    expect(mine.json().sittings.map((s: { id: string }) => s.id)).toContain(sittingId);
    const ours = await send(t.app, coordinatorA, 'GET', '/api/analysis/scopes');
    expect(ours.json().scopes.map((s: { sittingId: string }) => s.sittingId)).toContain(sittingId);
    await db.update(attemptParts).set({ closedAt: null }).where(partOne);
    const late = await send(
      t.app,
      coordinatorA,
      'GET',
      `/api/proctoring/sittings/${sittingId}/late-changes`,
    );
    expect(late.statusCode).toBe(200);
    expect(late.json().lateChanges.map((l: { id: string }) => l.id)).toEqual([lateChangeId]);
  });

  it("refuses B's proctor and coordinator a dashboard socket on A's sitting; A's proctor gets one", async () => {
    await expect(ProctorSocket.connect(t.app, b.proctor, sittingId)).rejects.toThrow('404');
    await expect(ProctorSocket.connect(t.app, b.coordinator, sittingId)).rejects.toThrow('404');
    const proctorA = await loginAs(t.app, 'proctor@demo.test');
    const socket = await ProctorSocket.connect(t.app, proctorA, sittingId);
    expect((await socket.hello()).sitting.id).toBe(sittingId);
    socket.close();
  });

  it('lets A’s coordinator decide the late change B could not', async () => {
    const coordinatorA = await loginAs(t.app, 'coordinator@demo.test');
    const decided = await send(
      t.app,
      coordinatorA,
      'POST',
      `/api/proctoring/late-changes/${lateChangeId}/decision`,
      { decision: 'decline', reason: 'Arrived after the candidate left' },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().lateChange.status).toBe('declined');
  });

  it('keeps a candidate on their own attempt: the exam socket knows no attempt id to ask for', async () => {
    // The socket's attempt comes from the session's candidate, never from the client; a second
    // candidate reaches theirs, not Casey's.
    const other = await ExamSocket.connect(
      t.app,
      await loginAs(t.app, 'mentor.clinical@demo.test'),
    );
    const welcome = await other.hello();
    const [theirs] = await t.database.db
      .select()
      .from(attempts)
      .where(
        eq(
          attempts.enrolmentId,
          (await demoSitting(t.database.db)).enrolmentOf('mentor.clinical@demo.test'),
        ),
      );
    expect(theirs!.id).not.toBe(attemptId);
    expect(JSON.stringify(welcome)).not.toContain(attemptId);
    other.close();
  });
});
