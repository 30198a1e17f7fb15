import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptParts, attempts } from '../src/db/schema/index.js';
import { sitPartOne } from './helpers/analysis-fixture.js';
import { fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { sitExam, userIdOf } from './helpers/grading-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The fixtures that sit Part One for a test answer with the display index the candidate would
 * pick, so they must follow each item's own layout: with every option of the demo bank kept in
 * place or not shuffled at all, "answer the key" still has to score every item right.
 */
const form = fixedForm(12);
form.items.forEach((item, i) => {
  form.items[i] = i % 2 === 0 ? { ...item, shuffle: false } : { ...item, fixedOptions: [0, 3] };
});
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ forms: form.source });
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test'],
    vignetteSets: true,
  });
});
afterAll(() => t.close());

async function partOneResult(email: string) {
  const candidateId = await userIdOf(t.database.db, email);
  const [part] = await t.database.db
    .select({ result: attemptParts.result })
    .from(attemptParts)
    .innerJoin(attempts, eq(attempts.id, attemptParts.attemptId))
    .where(and(eq(attempts.candidateId, candidateId), eq(attemptParts.part, 1)));
  return part!.result as { correct: number; total: number };
}

describe('test fixtures sitting Part One on items kept in place', () => {
  it('sitPartOne answers the key where the candidate sees it', async () => {
    await sitPartOne(t.app, t.database.db, 'candidate@demo.test', () => 'key');
    const result = await partOneResult('candidate@demo.test');
    expect(result).toMatchObject({ correct: 12, total: 12 });
  });

  it('sitExam answers the first N right where the candidate sees them', async () => {
    await sitExam(t.app, t.database.db, 'mentor.policy@demo.test', {
      responses: {},
      chosen: [1, 2],
      partOneCorrect: 10,
    });
    expect((await partOneResult('mentor.policy@demo.test')).correct).toBe(10);
  });
});
