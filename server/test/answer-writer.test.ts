import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSaves, answers, users } from '../src/db/schema/index.js';
import { createAnswerWriter, type AnswerWrite } from '../src/modules/delivery/answer-writer.js';
import { fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const form = fixedForm(5);
let t: TestApp;
let attemptId: string;
let version: number;

beforeAll(async () => {
  t = await createTestApp({ forms: form.source });
  await seedOpenSitting(t.database.db, { formId: form.formId, emails: ['candidate@demo.test'] });
  const [row] = await t.database.db
    .select()
    .from(users)
    .where(eq(users.email, 'candidate@demo.test'));
  const context = await t.app.exam.delivery.openForCandidate(row!.id);
  await t.app.exam.delivery.startPart(context, 1, row!.id);
  attemptId = context.attemptId;
  version = context.parts.get(1)!.row.version;
});
afterAll(() => t.close());

/**
 * Saves written in one turn of the event loop share one batch: the statement returns which of
 * them it stored by their place in the batch, and the rest are told apart afterwards.
 */
describe('answer writer: outcomes of saves that share a batch', () => {
  const save = (seq: number, position: number, choice: number | null): AnswerWrite => ({
    attemptId,
    seq,
    position,
    choice,
    flagged: false,
    version,
  });

  it('stores each save once and says what became of every one, in order', async () => {
    const writer = createAnswerWriter({ database: t.database, clock: t.clock, graceMs: 0 });
    const batch = [
      save(101, 1, 0),
      save(102, 2, 1),
      save(102, 2, 1), // the same change twice in one batch: a replay
      save(103, 3, 2),
      save(103, 3, 3), // the same sequence number for a different change
      save(104, 1, null),
    ];
    const outcomes = await Promise.all(batch.map((item) => writer.write(item)));
    expect(outcomes).toEqual(['stored', 'stored', 'duplicate', 'stored', 'conflict', 'stored']);

    const log = await t.database.db
      .select()
      .from(answerSaves)
      .where(eq(answerSaves.attemptId, attemptId));
    expect(log.map((r) => [Number(r.seq), r.position, r.choice]).sort()).toEqual([
      [101, 1, 0],
      [102, 2, 1],
      [103, 3, 2],
      [104, 1, null],
    ]);
    const current = await t.database.db
      .select()
      .from(answers)
      .where(eq(answers.attemptId, attemptId));
    // Question 1 moved to its later change (seq 104) within the same batch.
    expect(current.find((a) => a.position === 1)).toMatchObject({ choice: null });

    // Sent again in a later batch: replays are duplicates, a changed one is a conflict.
    const again = await Promise.all([
      writer.write(save(101, 1, 0)),
      writer.write(save(103, 3, 3)),
      writer.write(save(105, 4, 1)),
    ]);
    expect(again).toEqual(['duplicate', 'conflict', 'stored']);
  });

  it('stores nothing for a save decided on an outdated version of the part', async () => {
    const writer = createAnswerWriter({ database: t.database, clock: t.clock, graceMs: 0 });
    const outcomes = await Promise.all([
      writer.write({ ...save(201, 5, 1), version: version + 1 }),
      writer.write(save(202, 5, 2)),
    ]);
    expect(outcomes).toEqual(['closed', 'stored']);
  });
});
