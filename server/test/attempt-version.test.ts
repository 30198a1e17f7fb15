import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, attemptParts, clockEvents, lateChanges, users } from '../src/db/schema/index.js';
import { fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// Issue 16: another instance moves a clock and this one has not heard yet (no event reached
// it). Its cached copy is checked against attempt_parts.version before any clock decision.
const MIN = 60_000;
const form = fixedForm();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ forms: form.source });
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test'],
  });
});
afterAll(async () => t.close());

async function started(email: string) {
  const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
  const context = await t.app.exam.delivery.openForCandidate(user!.id);
  await t.app.exam.delivery.startPart(context, 1, user!.id);
  return context;
}

/** What another instance writes for a proctor's action: a ledger entry and the part's clock. */
async function elsewhere(
  attemptId: string,
  entry: { type: 'pause' | 'extend'; ms?: number },
  part: { paused: boolean; deadlineAt: Date | null },
) {
  const { db } = t.database;
  await db.insert(clockEvents).values({
    attemptId,
    part: 1,
    type: entry.type,
    at: t.clock.now(),
    ms: entry.ms ?? null,
    reason: 'on another instance',
  });
  await db
    .update(attemptParts)
    .set(part)
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
}

const save = (seq: number) => ({
  type: 'answer.save' as const,
  seq,
  position: 1,
  choice: 2,
  flagged: false,
});

describe('a cached attempt checked against its version', () => {
  it('refuses a save after another instance paused the part, though the copy says running', async () => {
    const context = await started('candidate@demo.test');
    const version = context.parts.get(1)!.row.version;
    await elsewhere(context.attemptId, { type: 'pause' }, { paused: true, deadlineAt: null });

    const result = await t.app.exam.delivery.save(context, save(1));
    expect(result).toMatchObject({ ok: false, code: 'PART_PAUSED' });
    const stored = await t.database.db
      .select()
      .from(answers)
      .where(eq(answers.attemptId, context.attemptId));
    expect(stored).toEqual([]);
    // The copy was reread on the way: it now knows the pause.
    expect(context.parts.get(1)!.row.version).toBeGreaterThan(version);
    expect(t.app.exam.delivery.clockOf(context, 1).status).toBe('paused');
  });

  it('stores a save after the cached deadline when another instance moved the deadline later', async () => {
    const context = await started('mentor.policy@demo.test');
    const deadline = t.app.exam.delivery.clockOf(context, 1).deadline!;
    await elsewhere(
      context.attemptId,
      { type: 'extend', ms: 10 * MIN },
      { paused: false, deadlineAt: new Date(deadline + 10 * MIN) },
    );
    // Past the old deadline and its grace: the stale copy alone would hold this as late.
    t.clock.advance(deadline - t.clock.now().getTime() + 30_000);

    expect(await t.app.exam.delivery.save(context, save(1))).toEqual({ ok: true });
    const held = await t.database.db
      .select()
      .from(lateChanges)
      .where(eq(lateChanges.attemptId, context.attemptId));
    expect(held).toEqual([]);
    expect(t.app.exam.delivery.clockOf(context, 1).deadline).toBe(deadline + 10 * MIN);
  });
});
