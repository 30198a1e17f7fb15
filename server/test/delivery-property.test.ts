import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, users } from '../src/db/schema/index.js';
import type { AnswerSave } from '@exam/shared/protocol';
import { fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const form = fixedForm(5);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ forms: form.source });
  await seedOpenSitting(t.database.db, { formId: form.formId, emails: ['candidate@demo.test'] });
});
afterAll(() => t.close());

/**
 * A model of the client's outbox over an unreliable network: every change gets the next
 * sequence number and stays in the outbox until acknowledged; the network may drop, duplicate
 * or reorder deliveries, and a reconnect replays the whole outbox. However the history goes,
 * once everything is acknowledged the stored answer for each question is its last change.
 */
type Step =
  | { kind: 'change'; position: number; choice: number | null; flagged: boolean }
  | { kind: 'deliver'; pick: number; duplicate: boolean }
  | { kind: 'drop'; pick: number }
  | { kind: 'reconnect' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('change' as const),
    position: fc.integer({ min: 1, max: 5 }),
    choice: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    flagged: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat(), duplicate: fc.boolean() }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reconnect' as const) }),
);

describe('autosave under drops, duplicates, reorders and reconnects', () => {
  it('stores the last change of every question', async () => {
    const [row] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'candidate@demo.test'));
    const delivery = t.app.exam.delivery;
    const context = await delivery.openForCandidate(row!.id);
    await delivery.startPart(context, 1, row!.id);
    let seqBase = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const outbox = new Map<number, AnswerSave>();
        let inFlight: AnswerSave[] = [];
        const last = new Map<number, AnswerSave>();
        const deliver = async (message: AnswerSave) => {
          const result = await delivery.save(context, message);
          expect(result).toEqual({ ok: true });
          outbox.delete(message.seq);
        };
        for (const s of steps) {
          if (s.kind === 'change') {
            seqBase += 1;
            const message: AnswerSave = {
              type: 'answer.save',
              seq: seqBase,
              position: s.position,
              choice: s.choice,
              flagged: s.flagged,
            };
            outbox.set(message.seq, message);
            inFlight.push(message);
            last.set(s.position, message);
          } else if (s.kind === 'deliver' && inFlight.length > 0) {
            const message = inFlight[s.pick % inFlight.length]!;
            if (!s.duplicate) inFlight = inFlight.filter((m) => m !== message);
            await deliver(message);
          } else if (s.kind === 'drop' && inFlight.length > 0) {
            inFlight.splice(s.pick % inFlight.length, 1);
          } else if (s.kind === 'reconnect') {
            inFlight = [...outbox.values()].reverse();
          }
        }
        // The final reconnect replays whatever is still unacknowledged.
        for (const message of [...outbox.values()]) await deliver(message);
        const stored = await t.database.db
          .select()
          .from(answers)
          .where(eq(answers.attemptId, context.attemptId));
        for (const [position, message] of last) {
          const current = stored.find((a) => a.position === position);
          expect(current).toMatchObject({
            choice: message.choice,
            flagged: message.flagged,
            seq: message.seq,
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});
