import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '@exam/shared/protocol';
import { attemptParts, attempts } from '../src/db/schema/index.js';
import {
  createDeliveryAnalysis,
  itemOptionOrder,
  type DeliverableItem,
} from '../src/modules/delivery/index.js';
import { ExamSocket, fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Items whose options are fixed in place, or not shuffled at all, delivered through the real
 * exam socket: what candidates see, what their choices score, and what item analysis reads.
 */
const form = fixedForm(6);
function author(position: number, change: Partial<DeliverableItem>) {
  form.items[position - 1] = { ...form.items[position - 1]!, ...change };
}
// "All of the above" last, and the key.
author(1, {
  options: ['Name the feeling', 'Wait quietly', 'Offer a toy', 'All of the above'],
  keyIndex: 3,
  fixedOptions: [3],
});
// First and last stay; the key (B) moves between B and C only.
author(2, { keyIndex: 1, fixedOptions: [0, 3] });
// Not shuffled at all.
author(3, { keyIndex: 2, shuffle: false });
// Positions 4 to 6 are shuffled whole, as before.

const emails = ['candidate@demo.test', 'mentor.policy@demo.test'];
let t: TestApp;
const open: ExamSocket[] = [];

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  await seedOpenSitting(t.database.db, { formId: form.formId, emails });
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
afterAll(() => t.close());

/** Picks the key's text wherever it is shown, except at position 5 (a wrong option), and submits. */
async function answerAndSubmit(socket: ExamSocket, questions: Question[], maxSeq: number) {
  socket.send({ type: 'part.start', part: 1 });
  await socket.next('clock.update');
  let seq = maxSeq;
  for (const item of form.items) {
    const shown = questions.find((q) => q.position === item.position)!.options;
    const wanted = item.position === 5 ? (item.keyIndex + 1) % 4 : item.keyIndex;
    seq += 1;
    const choice = shown.indexOf(item.options[wanted]!);
    socket.send({ type: 'answer.save', seq, position: item.position, choice, flagged: false });
    await socket.next('answer.ack', (m) => m.seq === seq);
  }
  socket.send({ type: 'part.submit', part: 1 });
  await socket.next('part.closed');
}

async function connect(email: string) {
  const socket = await ExamSocket.connect(t.app, await loginAs(t.app, email));
  open.push(socket);
  return { socket, welcome: await socket.hello() };
}

describe('options kept in place, delivered', () => {
  it('shows fixed options where they were authored, the same on every connection, and scores the key', async () => {
    for (const email of emails) {
      const { socket, welcome } = await connect(email);
      const { questions, attemptId } = welcome.attempt;
      const [attempt] = await t.database.db
        .select()
        .from(attempts)
        .where(eq(attempts.id, attemptId));
      for (const item of form.items) {
        const shown = questions.find((q) => q.position === item.position)!.options;
        // Derived from the stored seed alone: a reconnect, or a restarted server, shows the same.
        const order = itemOptionOrder(attempt!.optionSeed, item);
        expect(shown).toEqual(order.map((o) => item.options[o]));
        for (const fixed of item.fixedOptions) expect(shown[fixed]).toBe(item.options[fixed]);
      }
      expect(questions[2]!.options).toEqual(form.items[2]!.options);
      expect(questions[0]!.options[3]).toBe('All of the above');

      // A reconnect (it takes the attempt over from the first socket) is shown the same order.
      socket.close();
      const again = await connect(email);
      expect(again.welcome.attempt.questions).toEqual(questions);
      await answerAndSubmit(again.socket, questions, welcome.attempt.maxSeq);
      const [part] = await t.database.db
        .select()
        .from(attemptParts)
        .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
      expect(part!.result).toMatchObject({ correct: 5, total: 6 });
    }
  });

  it('maps each stored choice back to the authored option for item analysis', async () => {
    const analysis = createDeliveryAnalysis({ db: t.database.db, forms: form.source });
    const choices = await analysis.partOneChoices(form.formId, null);
    expect(choices.candidates).toBe(2);
    const matrix = await choices.matrix(6);
    for (let c = 0; c < 2; c += 1) {
      const row = Array.from(matrix.slice(c * 6, c * 6 + 6));
      const keys = form.items.map((i) => (i.position === 5 ? (i.keyIndex + 1) % 4 : i.keyIndex));
      expect(row).toEqual(keys);
    }
  });
});
