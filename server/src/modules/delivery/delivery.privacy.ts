import type { MyAttempt } from '@exam/shared/api';
import { expandSteps, splitPatchRows } from '@exam/shared/editor';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  answerSaves,
  answers,
  attemptEvents,
  attemptParts,
  attempts,
  clockEvents,
} from '../../db/schema/delivery.js';
import { lateChanges } from '../../db/schema/late-changes.js';
import {
  draftPatches,
  responseSnapshots,
  responses,
  vignetteChoices,
} from '../../db/schema/responses.js';
import { iso, isoOrNull } from '../../lib/iso.js';

/** A candidate's attempt as their own data export shows it; `responsesPurged` is the caller's. */
export type AttemptData = Omit<MyAttempt, 'responsesPurged'>;

/**
 * The read side delivery gives the privacy module: every attempt of one candidate with its
 * parts, answers (the options they chose, never the key), answer history, Part Two drafts,
 * snapshots and patches, clock and connection events and late changes. Who acted on the clock
 * or decided a late change is staff and stays out; so do the scored part results, which the
 * released result (results' side) shows as far as the candidate may see them.
 */
export async function attemptDataOf(db: DbOrTx, candidateId: string): Promise<AttemptData[]> {
  const attemptRows = await db
    .select()
    .from(attempts)
    .where(eq(attempts.candidateId, candidateId))
    .orderBy(asc(attempts.createdAt));
  if (attemptRows.length === 0) return [];
  const ids = attemptRows.map((row) => row.id);
  const [parts, current, history, chosen, drafts, snapshots, patches, clock, events, late] =
    await Promise.all([
      db.select().from(attemptParts).where(inArray(attemptParts.attemptId, ids)),
      db.select().from(answers).where(inArray(answers.attemptId, ids)),
      db.select().from(answerSaves).where(inArray(answerSaves.attemptId, ids)),
      db.select().from(vignetteChoices).where(inArray(vignetteChoices.attemptId, ids)),
      db.select().from(responses).where(inArray(responses.attemptId, ids)),
      db.select().from(responseSnapshots).where(inArray(responseSnapshots.attemptId, ids)),
      db.select().from(draftPatches).where(inArray(draftPatches.attemptId, ids)),
      db.select().from(clockEvents).where(inArray(clockEvents.attemptId, ids)),
      db.select().from(attemptEvents).where(inArray(attemptEvents.attemptId, ids)),
      db.select().from(lateChanges).where(inArray(lateChanges.attemptId, ids)),
    ]);
  const of = <T extends { attemptId: string }>(rows: T[], id: string) =>
    rows.filter((row) => row.attemptId === id);
  return attemptRows.map((attempt) => ({
    id: attempt.id,
    enrolmentId: attempt.enrolmentId,
    createdAt: iso(attempt.createdAt),
    parts: of(parts, attempt.id)
      .sort((a, b) => a.part - b.part)
      .map((p) => ({
        part: p.part,
        startedAt: isoOrNull(p.startedAt),
        deadlineAt: isoOrNull(p.deadlineAt),
        timeMultiplier: p.timeMultiplier,
        extraMinutes: p.extraMinutes,
        closedStatus: p.closedStatus,
        closedAt: isoOrNull(p.closedAt),
      })),
    answers: of(current, attempt.id)
      .sort((a, b) => a.position - b.position)
      .map((a) => ({
        position: a.position,
        choice: a.choice,
        flagged: a.flagged,
        updatedAt: iso(a.updatedAt),
      })),
    answerHistory: of(history, attempt.id)
      .sort((a, b) => a.seq - b.seq)
      .map((a) => ({
        seq: a.seq,
        position: a.position,
        choice: a.choice,
        flagged: a.flagged,
        savedAt: iso(a.savedAt),
      })),
    vignettesChosen: of(chosen, attempt.id)[0]?.chosen ?? null,
    responses: of(drafts, attempt.id)
      .sort((a, b) => a.vignette - b.vignette)
      .map((r) => ({
        vignette: r.vignette,
        revision: r.revision,
        words: r.words,
        doc: r.doc,
        updatedAt: iso(r.updatedAt),
      })),
    responseSnapshots: of(snapshots, attempt.id)
      .sort((a, b) => a.id - b.id)
      .map((s) => ({
        vignette: s.vignette,
        revision: s.revision,
        words: s.words,
        reason: s.reason,
        doc: s.doc,
        at: iso(s.at),
      })),
    // One entry per acknowledged revision, also where a row holds several (PatchRow).
    draftPatches: splitPatchRows(
      of(patches, attempt.id).sort((a, b) => a.vignette - b.vignette || a.revision - b.revision),
    ).map((p) => ({
      vignette: p.vignette,
      base: p.base,
      revision: p.revision,
      // As the editor made them, not in the patch log's compact storage form.
      steps: expandSteps(p.steps as unknown[]),
      at: iso(p.at),
    })),
    clockEvents: of(clock, attempt.id)
      .sort((a, b) => a.id - b.id)
      .map((c) => ({ part: c.part, type: c.type, at: iso(c.at), ms: c.ms, reason: c.reason })),
    connectionEvents: of(events, attempt.id)
      .sort((a, b) => a.id - b.id)
      .map((e) => ({ type: e.type, at: iso(e.at) })),
    lateChanges: of(late, attempt.id).map((l) => ({
      part: l.part,
      kind: l.kind,
      position: l.position,
      payload: l.payload,
      arrivedAt: iso(l.arrivedAt),
      status: l.status,
      decidedAt: isoOrNull(l.decidedAt),
      reason: l.reason,
    })),
  }));
}

/** What a retention purge removes from a set of attempts, counted. */
export interface ResponseCounts {
  responses: number;
  responseSnapshots: number;
  draftPatches: number;
  answerSaves: number;
}

const PURGED_DRAFT = { purged: true };

/** The counts for no attempts: a fresh object each call, so no two callers share one. */
const noResponses = (): ResponseCounts => ({
  responses: 0,
  responseSnapshots: 0,
  draftPatches: 0,
  answerSaves: 0,
});

/** Counts the rows a retention purge of `attemptIds` would remove (the dry run). */
export async function responseCountsOf(
  db: DbOrTx,
  attemptIds: readonly string[],
): Promise<ResponseCounts> {
  if (attemptIds.length === 0) return noResponses();
  const ids = [...attemptIds];
  const count = sql<number>`count(*)::int`;
  const [[r], [s], [p], [a]] = await Promise.all([
    db.select({ n: count }).from(responses).where(inArray(responses.attemptId, ids)),
    db
      .select({ n: count })
      .from(responseSnapshots)
      .where(inArray(responseSnapshots.attemptId, ids)),
    db.select({ n: count }).from(draftPatches).where(inArray(draftPatches.attemptId, ids)),
    db.select({ n: count }).from(answerSaves).where(inArray(answerSaves.attemptId, ids)),
  ]);
  return {
    responses: Number(r?.n ?? 0),
    responseSnapshots: Number(s?.n ?? 0),
    draftPatches: Number(p?.n ?? 0),
    answerSaves: Number(a?.n ?? 0),
  };
}

/**
 * The retention purge of delivery's side, in the caller's transaction: the Part Two responses
 * (the stored drafts, their snapshots and patches, the text of late drafts) and the Part One
 * answer history go. The final Part One choices stay (no free text; results, re-keying and
 * item analysis read them), as do parts, clock events and everything results keeps.
 */
export async function purgeResponses(
  tx: DbOrTx,
  attemptIds: readonly string[],
): Promise<ResponseCounts> {
  if (attemptIds.length === 0) return noResponses();
  const ids = [...attemptIds];
  const gone = { n: sql<number>`1` };
  // One after another: a transaction is one connection.
  const r = await tx.delete(responses).where(inArray(responses.attemptId, ids)).returning(gone);
  const s = await tx
    .delete(responseSnapshots)
    .where(inArray(responseSnapshots.attemptId, ids))
    .returning(gone);
  const p = await tx
    .delete(draftPatches)
    .where(inArray(draftPatches.attemptId, ids))
    .returning(gone);
  const a = await tx.delete(answerSaves).where(inArray(answerSaves.attemptId, ids)).returning(gone);
  await tx
    .update(lateChanges)
    .set({ payload: PURGED_DRAFT })
    .where(and(inArray(lateChanges.attemptId, ids), eq(lateChanges.kind, 'draft')));
  return {
    responses: r.length,
    responseSnapshots: s.length,
    draftPatches: p.length,
    answerSaves: a.length,
  };
}
