import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptParts, attempts, users } from '../src/db/schema/index.js';
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
});
