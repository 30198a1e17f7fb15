import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { answers } from '../../db/schema/delivery.js';
import { lateChanges } from '../../db/schema/late-changes.js';
import * as deliveryRepo from './delivery.repo.js';
import * as partTwoRepo from './part-two.repo.js';
import { attemptInScope } from '../../db/scope-filters.js';

export type LateChangeRow = typeof lateChanges.$inferSelect;
export type NewLateChange = Omit<
  typeof lateChanges.$inferInsert,
  'id' | 'status' | 'decidedBy' | 'decidedAt' | 'reason'
>;

/** The change already held under this key (attempt, kind, position, seq), if any. */
export async function findByKey(
  db: DbOrTx,
  key: Pick<NewLateChange, 'attemptId' | 'kind' | 'position' | 'seq'>,
): Promise<LateChangeRow | undefined> {
  const [kept] = await db
    .select()
    .from(lateChanges)
    .where(
      and(
        eq(lateChanges.attemptId, key.attemptId),
        eq(lateChanges.kind, key.kind),
        eq(lateChanges.position, key.position),
        eq(lateChanges.seq, key.seq),
      ),
    );
  return kept;
}

/** Stores a held change; false when a concurrent replay stored it first. */
export async function hold(tx: DbOrTx, change: NewLateChange): Promise<LateChangeRow | undefined> {
  const [inserted] = await tx.insert(lateChanges).values(change).onConflictDoNothing().returning();
  return inserted;
}

/** A held answer with this sequence number, whatever its question (seqs are per attempt). */
export async function findAnswerBySeq(db: DbOrTx, attemptId: string, seq: number) {
  const [row] = await db
    .select()
    .from(lateChanges)
    .where(
      and(
        eq(lateChanges.attemptId, attemptId),
        eq(lateChanges.kind, 'answer'),
        eq(lateChanges.seq, seq),
      ),
    );
  return row;
}

/** The acknowledged save with this sequence number, if one was stored in time. */
export async function findStoredSave(db: DbOrTx, attemptId: string, seq: number) {
  const rows = await queryRows<{ position: number; choice: number | null; flagged: boolean }>(
    db,
    sql`SELECT position, choice, flagged FROM answer_saves WHERE attempt_id = ${attemptId} AND seq = ${seq}`,
  );
  return rows[0];
}

/** The stored revision of a Part Two response (drafts and patches), or 0. */
export async function storedRevision(
  db: DbOrTx,
  attemptId: string,
  vignette: number,
): Promise<number> {
  const rows = await queryRows<{ revision: number | null }>(
    db,
    sql`SELECT greatest(
          (SELECT max(revision) FROM responses WHERE attempt_id = ${attemptId} AND vignette = ${vignette}),
          (SELECT max(revision) FROM draft_patches WHERE attempt_id = ${attemptId} AND vignette = ${vignette})
        ) AS revision`,
  );
  return Number(rows[0]?.revision ?? 0);
}

/**
 * The last time the server heard from the attempt before now: its latest stored answer, draft
 * or patch, or the moment it noticed the connection drop, whichever is later.
 */
export async function lastContact(db: DbOrTx, attemptId: string): Promise<Date | null> {
  const rows = await queryRows<{ at: Date | string | null }>(
    db,
    sql`SELECT greatest(
          (SELECT max(saved_at) FROM answer_saves WHERE attempt_id = ${attemptId}),
          (SELECT max(updated_at) FROM responses WHERE attempt_id = ${attemptId}),
          (SELECT max(at) FROM draft_patches WHERE attempt_id = ${attemptId}),
          (SELECT max(at) FROM attempt_events WHERE attempt_id = ${attemptId} AND type = 'disconnect')
        ) AS at`,
  );
  const at = rows[0]?.at;
  return at ? new Date(at) : null;
}

export function listByAttempts(db: DbOrTx, scope: Scope, attemptIds: readonly string[]) {
  if (attemptIds.length === 0) return Promise.resolve([] as LateChangeRow[]);
  return db
    .select()
    .from(lateChanges)
    .where(
      and(
        inArray(lateChanges.attemptId, [...attemptIds]),
        attemptInScope(scope, lateChanges.attemptId),
      ),
    )
    .orderBy(asc(lateChanges.arrivedAt), asc(lateChanges.seq), asc(lateChanges.id));
}

export async function find(db: DbOrTx, scope: Scope, id: string) {
  const [row] = await db
    .select()
    .from(lateChanges)
    .where(and(eq(lateChanges.id, id), attemptInScope(scope, lateChanges.attemptId)));
  return row;
}

export async function lock(tx: DbOrTx, scope: Scope, id: string) {
  const [row] = await tx
    .select()
    .from(lateChanges)
    .where(and(eq(lateChanges.id, id), attemptInScope(scope, lateChanges.attemptId)))
    .for('update');
  return row;
}

export async function decide(
  tx: DbOrTx,
  id: string,
  decision: { status: 'accepted' | 'declined'; by: string; at: Date; reason: string },
) {
  await tx
    .update(lateChanges)
    .set({
      status: decision.status,
      decidedBy: decision.by,
      decidedAt: decision.at,
      reason: decision.reason,
    })
    .where(eq(lateChanges.id, id));
}

/** Undecided held changes per attempt. */
export async function heldCounts(
  db: DbOrTx,
  attemptIds: readonly string[],
): Promise<Map<string, number>> {
  if (attemptIds.length === 0) return new Map();
  const rows = await db
    .select({ attemptId: lateChanges.attemptId, held: count() })
    .from(lateChanges)
    .where(and(inArray(lateChanges.attemptId, [...attemptIds]), eq(lateChanges.status, 'held')))
    .groupBy(lateChanges.attemptId);
  return new Map(rows.map((r) => [r.attemptId, Number(r.held)]));
}

/**
 * Applies an accepted answer as if it had been saved in time: logged as its save, and made the
 * answer unless a save of that question with a higher sequence number (made later) is stored.
 */
export async function applyAnswer(
  tx: DbOrTx,
  change: {
    attemptId: string;
    seq: number;
    position: number;
    choice: number | null;
    flagged: boolean;
  },
  at: Date,
): Promise<void> {
  await queryRows(
    tx,
    sql`INSERT INTO answer_saves (attempt_id, seq, position, choice, flagged, saved_at)
        VALUES (${change.attemptId}, ${change.seq}, ${change.position}, ${change.choice}, ${change.flagged}, ${at})
        ON CONFLICT DO NOTHING`,
  );
  await tx
    .insert(answers)
    .values({ ...change, updatedAt: at })
    .onConflictDoUpdate({
      target: [answers.attemptId, answers.position],
      set: { choice: change.choice, flagged: change.flagged, seq: change.seq, updatedAt: at },
      setWhere: sql`${answers.seq} < ${change.seq}`,
    });
}

/**
 * Applies an accepted draft: it becomes the response unless a higher revision is stored, with a
 * snapshot recording why. The patches below it stay as the response's history (every
 * acknowledged revision stays reachable); readers take only patches above the stored revision.
 */
export async function applyDraft(
  tx: DbOrTx,
  change: { attemptId: string; vignette: number; revision: number; doc: unknown; words: number },
  at: Date,
  actorId: string,
): Promise<void> {
  await queryRows(
    tx,
    sql`WITH stored AS (
          INSERT INTO responses (attempt_id, vignette, doc, revision, words, updated_at)
          VALUES (${change.attemptId}, ${change.vignette}, ${JSON.stringify(change.doc)}::jsonb, ${change.revision}, ${change.words}, ${at})
          ON CONFLICT (attempt_id, vignette) DO UPDATE
            SET doc = EXCLUDED.doc, revision = EXCLUDED.revision, words = EXCLUDED.words, updated_at = EXCLUDED.updated_at
            WHERE responses.revision < EXCLUDED.revision
          RETURNING attempt_id, vignette, doc, revision, words
        ), snapshot AS (
          INSERT INTO response_snapshots (attempt_id, vignette, revision, doc, words, at, reason, actor_id)
          SELECT attempt_id, vignette, revision, doc, words, ${at}, 'late-accepted', ${actorId}::uuid FROM stored
          RETURNING revision
        )
        SELECT revision FROM snapshot`,
  );
}

/**
 * Applies an accepted choice of vignettes: it becomes the choice unless a higher revision is
 * stored, and is logged as the candidate's choice at the time it counts as made.
 */
export async function applyChoice(
  tx: DbOrTx,
  change: { attemptId: string; revision: number; chosen: number[] },
  at: Date,
): Promise<void> {
  if (await partTwoRepo.storeChoice(tx, change.attemptId, change.chosen, change.revision, at))
    await deliveryRepo.insertAttemptEvent(tx, {
      attemptId: change.attemptId,
      type: 'choice',
      at,
      details: { chosen: change.chosen, late: true },
    });
}

/** How many late changes an attempt has, held or decided. */
export async function countForAttempt(db: DbOrTx, attemptId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(lateChanges)
    .where(eq(lateChanges.attemptId, attemptId));
  return Number(row?.n ?? 0);
}
