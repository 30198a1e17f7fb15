import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrInsertAttempts } from '../src/modules/delivery/attempt-create.repo.js';
import {
  attemptParts,
  attempts,
  DEFAULT_ASSOCIATION_ID,
  enrolments,
  sittings,
  users,
} from '../src/db/schema/index.js';
import { fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Opening an attempt finds the enrolment's attempt or creates it in one statement
 * (attempt-create.repo.ts). Hellos that arrive together, from two tabs or two instances, must
 * all open the one attempt, with its two parts written once.
 */

const form = fixedForm();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    forms: {
      formItems: async (id: string) => {
        if (id === form.formId) return form.items;
        throw new Error(`unknown form ${id}`);
      },
    },
  });
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test'],
    vignetteSets: true,
  });
});
afterAll(() => t.close());

describe('opening an attempt', () => {
  it('creates one attempt for hellos that arrive together, and each opens it', async () => {
    const [candidate] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'candidate@demo.test'));
    const opened = await Promise.all(
      [1, 2, 3, 4].map(() => t.app.exam.delivery.openWithSeat(candidate!.id)),
    );
    const ids = new Set(opened.map(({ context }) => context.attemptId));
    expect(ids.size).toBe(1);
    expect(opened.filter(({ created }) => created)).toHaveLength(1);
    const [attemptId] = [...ids];
    const stored = await t.database.db
      .select()
      .from(attempts)
      .where(eq(attempts.candidateId, candidate!.id));
    expect(stored.map((a) => a.id)).toEqual([attemptId]);
    const parts = await t.database.db
      .select()
      .from(attemptParts)
      .where(eq(attemptParts.attemptId, attemptId!));
    expect(parts.map((p) => p.part).sort()).toEqual([1, 2]);
    // Every opener holds the same option order and set: the one stored.
    for (const { context } of opened) {
      expect(context.optionSeed).toBe(stored[0]?.optionSeed);
      expect(context.vignetteSetId).toBe(stored[0]?.vignetteSetId);
    }
    expect(stored[0]?.vignetteSetId).not.toBeNull();
  });

  it('opens the stored attempt again on a later hello, creating nothing', async () => {
    const [candidate] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'candidate@demo.test'));
    const again = await t.app.exam.delivery.openWithSeat(candidate!.id);
    expect(again.created).toBe(false);
    const stored = await t.database.db
      .select()
      .from(attempts)
      .where(eq(attempts.candidateId, candidate!.id));
    expect(stored).toHaveLength(1);
    expect(again.context.attemptId).toBe(stored[0]?.id);
    expect(again.context.optionSeed).toBe(stored[0]?.optionSeed);
  });

  it('creates the attempts of a whole batch in one statement, each with its own parts', async () => {
    const db = t.database.db;
    const [candidate] = await db.select().from(users).where(eq(users.email, 'candidate@demo.test'));
    // Three more enrolments of the candidate, each in its own sitting.
    const enrolmentIds: string[] = [];
    for (const name of ['Batch A', 'Batch B', 'Batch C']) {
      const [sitting] = await db
        .insert(sittings)
        .values({ associationId: DEFAULT_ASSOCIATION_ID, name, status: 'open', forms: {} })
        .returning();
      const [enrolment] = await db
        .insert(enrolments)
        .values({
          sittingId: sitting!.id,
          candidateId: candidate!.id,
          examEndorsement: 'IMH-E',
          category: 'infant-family-specialist',
        })
        .returning();
      enrolmentIds.push(enrolment!.id);
    }
    const [a, b, c] = enrolmentIds as [string, string, string];
    const now = new Date('2026-12-06T09:00:00.123Z');
    const ask = (enrolmentId: string, seed: number, retake = false) => ({
      attempt: {
        enrolmentId,
        candidateId: candidate!.id,
        formId: form.formId,
        optionSeed: seed,
        vignetteSetId: null,
        createdAt: now,
      },
      parts: ([1, 2] as const).map((part) => ({
        part,
        baseLimitMs: 90 * 60_000,
        timeMultiplier: part === 1 ? 1.5 : 1,
        extraMinutes: part === 1 ? 10 : 0,
        ...(retake && part === 2
          ? {
              closedStatus: 'ended',
              closedAt: now,
              closedReason: 'not sat: "retake", Part One only',
            }
          : {}),
      })),
    });
    const [existing] = await findOrInsertAttempts(db, [ask(c, 7)]);
    expect(existing?.created).toBe(true);
    const found = await findOrInsertAttempts(db, [
      ask(a, 1, true),
      ask(b, 2),
      ask(a, 3),
      ask(c, 4),
    ]);
    expect(found.map((f) => f?.created)).toEqual([true, true, false, false]);
    expect(found[0]?.attempt.id).toBe(found[2]?.attempt.id);
    expect(found[2]?.attempt.optionSeed).toBe(1);
    expect(found[3]?.attempt.id).toBe(existing?.attempt.id);
    expect(found[3]?.attempt.optionSeed).toBe(7);
    const first = found[0];
    if (!first?.created) throw new Error('not created');
    expect(
      first.parts.map((p) => [p.part, p.timeMultiplier, p.extraMinutes, p.closedStatus]),
    ).toEqual([
      [1, 1.5, 10, null],
      [2, 1, 0, 'ended'],
    ]);
    expect(first.parts[1]?.closedReason).toBe('not sat: "retake", Part One only');
    expect(first.parts[1]?.closedAt?.toISOString()).toBe(now.toISOString());
    const stored = await db
      .select()
      .from(attemptParts)
      .where(eq(attemptParts.attemptId, first.attempt.id));
    expect(stored).toHaveLength(2);
  });
});
