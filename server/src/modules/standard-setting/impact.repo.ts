import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { answers, attemptParts, attempts, enrolments, sittings } from '../../db/schema/index.js';
import { optionOrder } from '../delivery/index.js';

/** A Part One answer sheet: which positions the candidate got right, and their raw score. */
export interface ImpactSheet {
  correct: Map<number, boolean>;
  score: number;
}

export interface ImpactData {
  sittingId: string;
  sittingName: string;
  sheets: ImpactSheet[];
}

/**
 * The impact data of a form: every closed Part One of the form's last sitting with closed Part
 * Ones (latest by close time). Kept in this one function so it can later call the analysis
 * module (item analysis is built in parallel); it reads no identity, only answers and keys.
 * Correctness is decided here as results.compute's scoring does (scorePartOne): each stored
 * display-order choice mapped back through the attempt's option order and compared with the key.
 */
export async function impactOf(
  db: DbOrTx,
  formId: string,
  keys: ReadonlyMap<number, number>,
  /** A sitting already chosen (a study keeps the one it opened round 2 with). */
  sittingId?: string,
): Promise<ImpactData | undefined> {
  const [last] = await db
    .select({ sittingId: sittings.id, sittingName: sittings.name })
    .from(attempts)
    .innerJoin(attemptParts, eq(attemptParts.attemptId, attempts.id))
    .innerJoin(enrolments, eq(enrolments.id, attempts.enrolmentId))
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(
      and(
        eq(attempts.formId, formId),
        eq(attemptParts.part, 1),
        isNotNull(attemptParts.closedAt),
        sittingId === undefined ? undefined : eq(sittings.id, sittingId),
      ),
    )
    .groupBy(sittings.id, sittings.name)
    .orderBy(desc(sql`max(${attemptParts.closedAt})`))
    .limit(1);
  if (!last) return undefined;
  const closed = await db
    .select({ attemptId: attempts.id, optionSeed: attempts.optionSeed })
    .from(attempts)
    .innerJoin(attemptParts, eq(attemptParts.attemptId, attempts.id))
    .innerJoin(enrolments, eq(enrolments.id, attempts.enrolmentId))
    .where(
      and(
        eq(enrolments.sittingId, last.sittingId),
        eq(attempts.formId, formId),
        eq(attemptParts.part, 1),
        isNotNull(attemptParts.closedAt),
      ),
    );
  const stored =
    closed.length === 0
      ? []
      : await db
          .select({
            attemptId: answers.attemptId,
            position: answers.position,
            choice: answers.choice,
          })
          .from(answers)
          .where(
            inArray(
              answers.attemptId,
              closed.map((c) => c.attemptId),
            ),
          );
  const sheets = closed.map(({ attemptId, optionSeed }) => {
    const correct = new Map<number, boolean>();
    for (const position of keys.keys()) correct.set(position, false);
    for (const a of stored) {
      if (a.attemptId !== attemptId || a.choice === null) continue;
      const key = keys.get(a.position);
      if (key === undefined) continue;
      correct.set(a.position, optionOrder(optionSeed, a.position)[a.choice] === key);
    }
    return { correct, score: [...correct.values()].filter(Boolean).length };
  });
  return { sittingId: last.sittingId, sittingName: last.sittingName, sheets };
}

/**
 * Names of the sittings open now that use the form: a cut adopted meanwhile would split their
 * candidates. Every sitting using the form is share-locked to the end of the caller's
 * transaction, so none can open until the adoption has committed (it then reads the new cut).
 */
export async function openSittingsUsing(db: DbOrTx, formId: string): Promise<string[]> {
  const rows = await db
    .select({ name: sittings.name, status: sittings.status })
    .from(sittings)
    .where(sql`${formId} IN (SELECT value FROM jsonb_each_text(${sittings.forms}))`)
    .for('share');
  return rows.filter((r) => r.status === 'open').map((r) => r.name);
}
