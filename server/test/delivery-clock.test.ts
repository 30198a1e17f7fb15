import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptParts, candidateProfiles, serverHeartbeat, users } from '../src/db/schema/index.js';
import { createSweeper } from '../src/modules/delivery/index.js';
import { fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const MIN = 60_000;
const form = fixedForm();
let t: TestApp;

async function candidateId(email: string): Promise<string> {
  const [row] = await t.database.db.select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(email);
  return row.id;
}

async function started(email: string) {
  const id = await candidateId(email);
  const context = await t.app.exam.delivery.openForCandidate(id);
  await t.app.exam.delivery.startPart(context, 1, id);
  return { id, context };
}

async function partOne(attemptId: string) {
  const rows = await t.database.db
    .select()
    .from(attemptParts)
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
  return rows[0];
}

/** Jumping the test clock looks like an outage; record that the server was up all along. */
async function serverWasUpUntilNow() {
  await t.database.db
    .update(serverHeartbeat)
    .set({ lastBeatAt: new Date(t.clock.now().getTime() - 1000) });
}

beforeAll(async () => {
  t = await createTestApp({ forms: form.source });
  const [ada] = await t.database.db
    .select()
    .from(users)
    .where(eq(users.email, 'mentor.research@demo.test'));
  // Riley has time and a half plus 10 minutes on their profile.
  await t.database.db
    .update(candidateProfiles)
    .set({ timeMultiplier: 1.5, extraMinutesPart1: 10 })
    .where(eq(candidateProfiles.userId, ada!.id));
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: [
      'candidate@demo.test',
      'mentor.policy@demo.test',
      'mentor.research@demo.test',
      'mentor.clinical@demo.test',
    ],
  });
});
afterAll(() => t.close());

describe('the clock', () => {
  it('starts at the recorded start event with the sitting limit', async () => {
    const before = t.clock.now().getTime();
    const { context } = await started('candidate@demo.test');
    const clock = t.app.exam.delivery.clockOf(context, 1);
    expect(clock.status).toBe('running');
    expect(clock.deadline).toBe(before + 90 * MIN);
  });

  it('stops while paused and moves the deadline when resumed; extensions add time', async () => {
    const { context } = await started('mentor.policy@demo.test');
    const delivery = t.app.exam.delivery;
    const startDeadline = delivery.clockOf(context, 1).deadline!;
    t.clock.advance(10 * MIN);
    await delivery.recordClockEvent(context, 1, {
      type: 'pause',
      reason: 'fire alarm',
      actorId: null,
    });
    expect(delivery.clockOf(context, 1)).toMatchObject({
      status: 'paused',
      remainingMs: 80 * MIN,
      deadline: null,
    });
    t.clock.advance(20 * MIN);
    await delivery.recordClockEvent(context, 1, {
      type: 'resume',
      reason: 'all clear',
      actorId: null,
    });
    expect(delivery.clockOf(context, 1).deadline).toBe(startDeadline + 20 * MIN);
    await delivery.recordClockEvent(context, 1, {
      type: 'extend',
      ms: 5 * MIN,
      reason: 'proctor',
      actorId: null,
    });
    expect(delivery.clockOf(context, 1).deadline).toBe(startDeadline + 25 * MIN);
    const row = await partOne(context.attemptId);
    expect(row?.deadlineAt?.getTime()).toBe(startDeadline + 25 * MIN);
  });

  it('applies the accommodation on the candidate profile', async () => {
    const { context } = await started('mentor.research@demo.test');
    expect(t.app.exam.delivery.clockOf(context, 1).allowedMs).toBe(90 * 1.5 * MIN + 10 * MIN);
  });

  it('credits a server outage to every running clock, but not a slow tick of a running server', async () => {
    const { context } = await started('mentor.clinical@demo.test');
    const delivery = t.app.exam.delivery;
    await t.app.exam.sweeper.tick();
    const before = delivery.clockOf(context, 1).deadline!;
    // The server kept running but a tick came late: no candidate lost time.
    t.clock.advance(15_000);
    await t.app.exam.sweeper.tick();
    expect(delivery.clockOf(context, 1).deadline).toBe(before);
    // The server is gone for 30 s, then a new process starts: that gap is credited.
    t.clock.advance(30_000);
    const restarted = createSweeper({
      db: t.database.db,
      clock: t.clock,
      delivery,
      graceMs: 5000,
      outageThresholdMs: 10_000,
    });
    await restarted.tick();
    expect(delivery.clockOf(context, 1).deadline).toBe(before + 30_000);
    // A normal gap between ticks is not an outage.
    t.clock.advance(1000);
    await restarted.tick();
    expect(delivery.clockOf(context, 1).deadline).toBe(before + 30_000);
    const [beat] = await t.database.db.select().from(serverHeartbeat);
    expect(beat?.lastBeatAt.getTime()).toBe(t.clock.now().getTime());
  });
});

describe('the sweeper', () => {
  it('closes parts at the deadline with the last saved answers, scored, and refuses later saves', async () => {
    const delivery = t.app.exam.delivery;
    const id = await candidateId('candidate@demo.test');
    const context = await delivery.openForCandidate(id);
    // Answer the first 50 questions correctly (display index that maps to the key).
    const { optionOrder } = await import('../src/modules/delivery/index.js');
    for (let position = 1; position <= 50; position += 1) {
      const order = optionOrder(context.optionSeed, position);
      const choice = order.indexOf(position % 4);
      const result = await delivery.save(context, {
        type: 'answer.save',
        seq: 1000 + position,
        position,
        choice,
        flagged: false,
      });
      expect(result).toEqual({ ok: true });
    }
    const deadline = delivery.clockOf(context, 1).deadline!;
    t.clock.set(deadline + 2000);
    // Within the grace period a save in flight is still accepted.
    expect(
      await delivery.save(context, {
        type: 'answer.save',
        seq: 2000,
        position: 51,
        choice: 0,
        flagged: false,
      }),
    ).toEqual({ ok: true });
    t.clock.set(deadline + 6000);
    await serverWasUpUntilNow();
    await t.app.exam.sweeper.tick();
    const row = await partOne(context.attemptId);
    expect(row?.closedStatus).toBe('expired');
    expect(row?.result).toMatchObject({ total: 60, cutScore: 48, passed: true });
    expect((row?.result as { correct: number }).correct).toBeGreaterThanOrEqual(50);
    const late = await delivery.save(context, {
      type: 'answer.save',
      seq: 2001,
      position: 52,
      choice: 0,
      flagged: false,
    });
    // Never dropped and never acknowledged: held for a proctor (late-changes.test.ts).
    expect(late).toMatchObject({ ok: false, held: true, code: 'LATE_HELD' });
  });

  it('a save after the deadline is held, not stored, even before the sweeper runs', async () => {
    const delivery = t.app.exam.delivery;
    const context = await delivery.openForCandidate(await candidateId('mentor.research@demo.test'));
    const deadline = delivery.clockOf(context, 1).deadline!;
    t.clock.set(deadline + 10_000);
    const late = await delivery.save(context, {
      type: 'answer.save',
      seq: 1,
      position: 1,
      choice: 0,
      flagged: false,
    });
    expect(late).toMatchObject({ ok: false, held: true, code: 'LATE_HELD' });
  });
});
