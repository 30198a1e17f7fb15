import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptParts, auditLog, clockEvents } from '../src/db/schema/index.js';
import { noAccommodations as none } from './helpers/accommodations.js';
import { apiAs } from './helpers/coordinator.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { demoSitting } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const MIN = 60_000;
let t: TestApp;
let coordinator: ReturnType<typeof apiAs>;
let caseyId: string;

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  const coordinatorCookie = await loginAs(t.app, 'coordinator@demo.test');
  coordinator = apiAs(t.app, coordinatorCookie);
  const listed = (await coordinator.get('/api/candidates')).body.candidates as {
    id: string;
    email: string;
  }[];
  caseyId = listed.find((c) => c.email === 'candidate@demo.test')!.id;
});
afterAll(() => t.close());

async function ledgerOf(attemptId: string, part: number) {
  return t.database.db
    .select()
    .from(clockEvents)
    .where(
      and(
        eq(clockEvents.attemptId, attemptId),
        eq(clockEvents.part, part),
        eq(clockEvents.type, 'accommodation'),
      ),
    );
}

describe('an accommodation approved after the attempt was created', () => {
  it('changes the running part and the next one, reaches the connected screen at once, audited', async () => {
    const socket = await ExamSocket.connect(t.app, await loginAs(t.app, 'candidate@demo.test'));
    const welcome = await socket.hello();
    const attemptId = welcome.attempt.attemptId;
    socket.send({ type: 'part.start', part: 1 });
    const started = await socket.next('clock.update', (m) => m.clock.status === 'running');
    const startedAt = t.clock.now().getTime();
    expect(started.clock.allowedMs).toBe(90 * MIN);

    t.clock.advance(30 * MIN);
    // Time and a half, approved 30 minutes into Part One, plus 10 minutes for Part Two.
    const partOne = socket.next(
      'clock.update',
      (m) => m.clock.part === 1 && m.clock.allowedMs !== 90 * MIN,
      1000,
    );
    const partTwo = socket.next(
      'clock.update',
      (m) => m.clock.part === 2 && m.clock.allowedMs !== 90 * MIN,
      1000,
    );
    const saved = await coordinator.put(`/api/candidates/${caseyId}/accommodations`, {
      ...none,
      timeMultiplier: 1.5,
      extraMinutesPart2: 10,
      notes: 'Letter of 2 March',
    });
    expect(saved.status).toBe(200);
    const one = (await partOne).clock;
    expect(one).toMatchObject({ status: 'running', allowedMs: 135 * MIN });
    expect(one.deadline).toBe(startedAt + 135 * MIN);
    expect(one.remainingMs).toBe(105 * MIN);
    expect((await partTwo).clock).toMatchObject({ status: 'not-started', allowedMs: 145 * MIN });

    const [entry] = await ledgerOf(attemptId, 1);
    expect(entry).toMatchObject({
      ms: 45 * MIN,
      reason: 'Accommodation approved: time × 1.5; +10 min Part Two (Letter of 2 March)',
    });
    expect(entry?.actorId).toBe(saved.body.candidate.accommodations.approvedBy.id);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'clock.accommodation'), eq(auditLog.subjectId, attemptId)));
    expect(audited.map((a) => a.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ part: 1, ms: 45 * MIN }),
        expect.objectContaining({ part: 2, ms: 55 * MIN }),
      ]),
    );
    // The proctor console's ledger for the candidate shows it, with who and why.
    const proctor = apiAs(t.app, await loginAs(t.app, 'proctor@demo.test'));
    const { enrolmentOf } = await demoSitting(t.database.db);
    const ledger = await proctor.get(
      `/api/proctoring/enrolments/${enrolmentOf('candidate@demo.test')}/ledger`,
    );
    expect(ledger.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'accommodation',
          part: 1,
          ms: 45 * MIN,
          actor: 'Corin Coordinator',
          reason: expect.stringMatching(/^Accommodation approved: time × 1\.5/),
        }),
      ]),
    );
    // The deadline the sweeper closes parts by moved too.
    const [cached] = await t.database.db
      .select()
      .from(attemptParts)
      .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
    expect(cached?.deadlineAt?.getTime()).toBe(startedAt + 135 * MIN);
    const context = await t.app.exam.delivery.loadContext(attemptId);

    // Between the parts the coordinator changes it again: Part Two gets double time.
    socket.send({ type: 'part.submit', part: 1 });
    await socket.next('part.closed');
    const between = socket.next(
      'clock.update',
      (m) => m.clock.part === 2 && m.clock.allowedMs === 180 * MIN,
      1000,
    );
    await coordinator.put(`/api/candidates/${caseyId}/accommodations`, {
      ...none,
      timeMultiplier: 2,
    });
    expect((await between).clock.allowedMs).toBe(180 * MIN);
    expect(await ledgerOf(attemptId, 1)).toHaveLength(1);
    socket.send({ type: 'part.start', part: 2 });
    const running = await socket.next(
      'clock.update',
      (m) => m.clock.part === 2 && m.clock.status === 'running',
    );
    expect(running.clock.deadline).toBe(t.clock.now().getTime() + 180 * MIN);

    // A reduction during the running part does not take time the candidate was shown.
    t.clock.advance(10 * MIN);
    await coordinator.put(`/api/candidates/${caseyId}/accommodations`, none);
    expect(t.app.exam.delivery.clockOf(context, 2).allowedMs).toBe(180 * MIN);
    const held = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'clock.accommodation'), eq(auditLog.subjectId, attemptId)));
    expect(held.at(-1)?.details).toMatchObject({ part: 2, ms: 0, heldBackMs: -90 * MIN });
    socket.close();
  });
});
