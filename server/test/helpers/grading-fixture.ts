import { and, eq, isNull } from 'drizzle-orm';
import type { EssayDocument } from '@exam/shared/editor';
import type { ScoreSheetRequest } from '@exam/shared/api';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.js';
import { enrolments, users } from '../../src/db/schema/index.js';
import { itemOptionOrder } from '../../src/modules/delivery/index.js';
import { TEST_ORIGIN } from './test-app.js';

/** Helpers for grading and results tests: candidates who sat both parts, and graders' sheets. */

export async function userIdOf(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** A one-paragraph essay with the given text. */
export function essay(text: string): EssayDocument {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

export interface SittingOptions {
  /** Vignette position -> response text (omit a vignette to leave it unanswered). */
  responses: Record<number, string>;
  chosen: number[];
  /** submitted: the candidate submits; expired: the deadline closes it; ended: a proctor does. */
  close?: 'submitted' | 'expired' | 'ended';
  /** How many Part One questions to answer correctly (the first N); the rest are answered wrongly. */
  partOneCorrect?: number;
}

/**
 * Sits a demo candidate (admitted first if need be) through the real delivery service: Part One (answered as asked), then
 * Part Two's drafts and choice, closed as asked. Returns the attempt and candidate ids.
 */
export async function sitExam(
  app: FastifyInstance,
  db: Db,
  email: string,
  options: SittingOptions,
): Promise<{ attemptId: string; candidateId: string }> {
  const { delivery } = app.exam;
  const candidateId = await userIdOf(db, email);
  // The demo keeps one candidate in the lobby; admit them as a proctor would.
  await db
    .update(enrolments)
    .set({ admittedAt: new Date() })
    .where(and(eq(enrolments.candidateId, candidateId), isNull(enrolments.admittedAt)));
  const context = await delivery.openForCandidate(candidateId);
  await delivery.startPart(context, 1, candidateId);
  const correct = options.partOneCorrect ?? 0;
  let seq = 0;
  for (const item of context.items) {
    const order = itemOptionOrder(context.optionSeed, item);
    const key = order.indexOf(item.keyIndex);
    const choice = item.position <= correct ? key : (key + 1) % 4;
    seq += 1;
    const saved = await delivery.save(context, {
      type: 'answer.save',
      seq,
      position: item.position,
      choice,
      flagged: false,
    });
    if (!saved.ok) throw new Error(`answer not saved: ${saved.message}`);
  }
  await delivery.submitPart(context, 1, candidateId);
  await delivery.startPart(context, 2, candidateId);
  const drafts = delivery.draftsFor(context);
  for (const [vignette, text] of Object.entries(options.responses)) {
    const saved = await drafts.save({
      type: 'draft.save',
      vignette: Number(vignette),
      revision: 1,
      doc: essay(text),
    });
    if (!saved.ok) throw new Error(`draft not saved: ${saved.message}`);
  }
  await delivery.setChoice(context, { type: 'choice.set', revision: 1, chosen: options.chosen });
  const close = options.close ?? 'submitted';
  if (close === 'submitted') await delivery.submitPart(context, 2, candidateId);
  else await delivery.closePart(context.attemptId, 2, close, `closed (${close}) in a test`, null);
  await app.grading.routing.idle();
  return { attemptId: context.attemptId, candidateId };
}

/**
 * A full sheet: the same level on every criterion (or per criterion), with evidence comments,
 * made with rubric version 1 (the demo's) unless `rubricVersion` says otherwise.
 */
export function sheet(
  criterionIds: readonly string[],
  levels: number | readonly number[],
  options: { comment?: string; flagged?: boolean; flagNote?: string; rubricVersion?: number } = {},
): ScoreSheetRequest {
  return {
    rubricVersion: options.rubricVersion ?? 1,
    scores: criterionIds.map((criterionId, index) => ({
      criterionId,
      level: typeof levels === 'number' ? levels : (levels[index] ?? null),
      comment: `${options.comment ?? 'Evidence'} (${criterionId})`,
    })),
    flagged: options.flagged ?? false,
    flagNote: options.flagNote ?? '',
  };
}

/** Calls an API route with a session cookie (and the Origin header state changes need). */
export async function call(
  app: FastifyInstance,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: { cookie, origin: TEST_ORIGIN },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
