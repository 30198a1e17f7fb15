import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.js';
import { enrolments } from '../../src/db/schema/index.js';
import { itemOptionOrder } from '../../src/modules/delivery/index.js';
import { userIdOf } from './grading-fixture.js';

/**
 * What a candidate answers at a position, in terms of the ORIGINAL options: 'key', 'next' (the
 * option after the key, a wrong answer) or 'omit'.
 */
export type PlannedAnswer = 'key' | 'next' | 'omit';

/**
 * Sits a demo candidate's Part One through the real delivery service, answering as `plan` says
 * (by position), then submits it. Answers are saved as the candidate would send them: the
 * display index of the intended option in that candidate's own order (the item's layout applied).
 */
export async function sitPartOne(
  app: FastifyInstance,
  db: Db,
  email: string,
  plan: (position: number) => PlannedAnswer,
): Promise<void> {
  const { delivery } = app.exam;
  const candidateId = await userIdOf(db, email);
  await db
    .update(enrolments)
    .set({ admittedAt: new Date() })
    .where(and(eq(enrolments.candidateId, candidateId), isNull(enrolments.admittedAt)));
  const context = await delivery.openForCandidate(candidateId);
  await delivery.startPart(context, 1, candidateId);
  let seq = 0;
  for (const item of context.items) {
    const planned = plan(item.position);
    if (planned === 'omit') continue;
    const original = planned === 'key' ? item.keyIndex : (item.keyIndex + 1) % 4;
    seq += 1;
    const saved = await delivery.save(context, {
      type: 'answer.save',
      seq,
      position: item.position,
      choice: itemOptionOrder(context.optionSeed, item).indexOf(original),
      flagged: false,
    });
    if (!saved.ok) throw new Error(`answer not saved: ${saved.message}`);
  }
  await delivery.submitPart(context, 1, candidateId);
}
