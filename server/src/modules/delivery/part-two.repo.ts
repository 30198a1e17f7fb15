import { and, asc, count, eq, sql } from 'drizzle-orm';
import { materialiseEssay, splitPatchRows, type StoredPatch } from '@exam/shared/editor';
import { queryRows, type DbOrTx } from '../../db/client.js';
import {
  draftPatches,
  responseSnapshots,
  responses,
  vignetteChoices,
} from '../../db/schema/responses.js';

export type ResponseRow = typeof responses.$inferSelect;

/**
 * stored: this revision is the response now. older: a newer revision is already stored (a
 * replay). moved: Part Two is not open at the version the draft was decided on (closed, past
 * the deadline and grace, or moved by a clock change, perhaps on another instance).
 */
export type DraftOutcome = 'stored' | 'older' | 'moved';

/**
 * Stores a draft unless a newer revision is already stored or the part is not open at
 * `version` (attempt_parts.version), and keeps a snapshot when none was taken in the last minute.
 * One statement, so it is atomic on its own and the document crosses the wire once: the snapshot
 * copies what the upsert returned. The patches the draft supersedes stay, as history (see
 * draftPatches): deleting them cost more WAL than inserting them (each delete dirties an old page,
 * a full-page image after every PostgreSQL checkpoint), and readers skip them by revision.
 */
export async function storeDraft(
  db: DbOrTx,
  draft: {
    attemptId: string;
    vignette: number;
    doc: unknown;
    revision: number;
    words: number;
    version: number;
  },
  at: Date,
  cutoff: Date,
): Promise<DraftOutcome> {
  const rows = await queryRows<{ open: boolean; stored: boolean }>(
    db,
    sql`WITH part AS (
          SELECT attempt_id FROM attempt_parts
          WHERE attempt_id = ${draft.attemptId} AND part = 2 AND started_at IS NOT NULL AND closed_at IS NULL
            AND (deadline_at IS NULL OR deadline_at >= ${cutoff}) AND version = ${draft.version}
          FOR SHARE
        ), stored AS (
          INSERT INTO responses (attempt_id, vignette, doc, revision, words, updated_at)
          SELECT attempt_id, ${draft.vignette}, ${JSON.stringify(draft.doc)}::jsonb, ${draft.revision}, ${draft.words}, ${at}
          FROM part
          ON CONFLICT (attempt_id, vignette) DO UPDATE
            SET doc = EXCLUDED.doc, revision = EXCLUDED.revision, words = EXCLUDED.words, updated_at = EXCLUDED.updated_at
            WHERE responses.revision < EXCLUDED.revision
          RETURNING attempt_id, vignette, doc, revision, words
        ), snapshot AS (
          INSERT INTO response_snapshots (attempt_id, vignette, revision, doc, words, at, reason)
          SELECT attempt_id, vignette, revision, doc, words, ${at}, 'interval'
          FROM stored
          WHERE NOT EXISTS (
            SELECT 1 FROM response_snapshots
            WHERE attempt_id = ${draft.attemptId} AND vignette = ${draft.vignette}
              AND at > ${new Date(at.getTime() - 60_000)}
          )
        )
        SELECT EXISTS (SELECT 1 FROM part) AS open, EXISTS (SELECT 1 FROM stored) AS stored`,
  );
  const [row] = rows;
  if (!row?.open) return 'moved';
  return row.stored ? 'stored' : 'older';
}

/**
 * Locks Part Two FOR SHARE if it takes changes at `version` (started, open, deadline not before
 * `cutoff`), so a closing or a clock change waits for the write that checked it.
 */
export async function lockOpenPartTwo(
  tx: DbOrTx,
  attemptId: string,
  version: number,
  cutoff: Date,
): Promise<boolean> {
  const rows = await queryRows<{ attempt_id: string }>(
    tx,
    sql`SELECT attempt_id FROM attempt_parts
        WHERE attempt_id = ${attemptId} AND part = 2 AND started_at IS NOT NULL AND closed_at IS NULL
          AND (deadline_at IS NULL OR deadline_at >= ${cutoff}) AND version = ${version}
        FOR SHARE`,
  );
  return rows.length > 0;
}

export function loadResponses(db: DbOrTx, attemptId: string): Promise<ResponseRow[]> {
  return db
    .select()
    .from(responses)
    .where(eq(responses.attemptId, attemptId))
    .orderBy(asc(responses.vignette));
}

interface ResponseWithPatches {
  attempt_id: string;
  vignette: number;
  doc: Record<string, unknown>;
  revision: number;
  words: number;
  updated_at: Date | string;
  patches: (StoredPatch & { at: string })[];
}

/**
 * Each stored response with the patches logged for it, and brought up to date with those that
 * follow on. One statement, so one snapshot: read apart, a checkpoint landing between the two
 * reads could show a stored draft older than the patches that are left.
 */
async function readResponses(
  db: DbOrTx,
  attemptId: string,
): Promise<{ stored: ResponseRow; current: ResponseRow; patched: boolean }[]> {
  const rows = await queryRows<ResponseWithPatches>(
    db,
    sql`SELECT r.attempt_id, r.vignette, r.doc, r.revision, r.words, r.updated_at,
          coalesce((
            SELECT json_agg(json_build_object(
                     'base', p.base, 'revision', p.revision, 'steps', p.steps, 'at', p.at,
                     'marks', p.marks)
                   ORDER BY p.revision)
            FROM draft_patches p
            WHERE p.attempt_id = r.attempt_id AND p.vignette = r.vignette
              AND p.revision > r.revision
          ), '[]'::json) AS patches
        FROM responses r
        WHERE r.attempt_id = ${attemptId}
        ORDER BY r.vignette`,
  );
  return rows.map((r) => {
    const stored: ResponseRow = {
      attemptId: r.attempt_id,
      vignette: r.vignette,
      doc: r.doc,
      revision: r.revision,
      words: r.words,
      updatedAt: new Date(r.updated_at),
    };
    const patches = splitPatchRows(r.patches);
    const patched = patches.length > 0;
    const latest = patched ? materialiseEssay(stored, patches) : undefined;
    if (!latest) return { stored, current: stored, patched };
    // Saved when the last patch it took in was.
    const at = patches.find((p) => p.revision === latest.revision)?.at;
    const current: ResponseRow = {
      ...stored,
      ...latest,
      doc: latest.doc as unknown as Record<string, unknown>,
      updatedAt: at ? new Date(at) : stored.updatedAt,
    };
    return { stored, current, patched };
  });
}

/** The responses as the candidate last saw them acknowledged: stored drafts plus later patches. */
export async function loadCurrentResponses(db: DbOrTx, attemptId: string): Promise<ResponseRow[]> {
  return (await readResponses(db, attemptId)).map((r) => r.current);
}

/**
 * Writes the patched documents into the responses. Part Two's close calls it with the part
 * locked, so every acknowledged change is in the response that is graded. The patches that went
 * in stay as the response's history; readers take only those above the stored revision.
 */
export async function foldPatches(tx: DbOrTx, attemptId: string, at: Date): Promise<void> {
  for (const { stored, current } of await readResponses(tx, attemptId)) {
    if (current.revision <= stored.revision) continue;
    await tx
      .update(responses)
      .set({ doc: current.doc, revision: current.revision, words: current.words, updatedAt: at })
      .where(and(eq(responses.attemptId, attemptId), eq(responses.vignette, current.vignette)));
  }
}

/** Drops a response's patches: a restored version replaces whatever they led to. */
export async function dropPatches(tx: DbOrTx, attemptId: string, vignette: number) {
  const dropped = await tx
    .delete(draftPatches)
    .where(and(eq(draftPatches.attemptId, attemptId), eq(draftPatches.vignette, vignette)))
    .returning({ revision: draftPatches.revision });
  return Math.max(0, ...dropped.map((d) => d.revision));
}

export async function loadChoice(db: DbOrTx, attemptId: string) {
  const rows = await db
    .select()
    .from(vignetteChoices)
    .where(eq(vignetteChoices.attemptId, attemptId));
  return rows[0];
}

/** Stores the choice unless a newer one is already stored; returns whether it was stored. */
export async function storeChoice(
  tx: DbOrTx,
  attemptId: string,
  chosen: number[],
  revision: number,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(vignetteChoices)
    .values({ attemptId, chosen, revision, updatedAt: at })
    .onConflictDoUpdate({
      target: vignetteChoices.attemptId,
      set: { chosen, revision, updatedAt: at },
      setWhere: sql`${vignetteChoices.revision} < ${revision}`,
    })
    .returning({ revision: vignetteChoices.revision });
  return rows.length > 0;
}

export async function snapshotAll(
  tx: DbOrTx,
  attemptId: string,
  reason: string,
  at: Date,
  actorId: string | null,
): Promise<void> {
  const rows = await loadResponses(tx, attemptId);
  if (rows.length === 0) return;
  await tx.insert(responseSnapshots).values(
    rows.map((r) => ({
      attemptId,
      vignette: r.vignette,
      revision: r.revision,
      doc: r.doc,
      words: r.words,
      at,
      reason,
      actorId,
    })),
  );
}

export function loadSnapshots(db: DbOrTx, attemptId: string, vignette: number) {
  return db
    .select()
    .from(responseSnapshots)
    .where(
      and(eq(responseSnapshots.attemptId, attemptId), eq(responseSnapshots.vignette, vignette)),
    )
    .orderBy(asc(responseSnapshots.at));
}

/** How many stored versions each vignette's history holds. */
export async function countSnapshots(db: DbOrTx, attemptId: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ vignette: responseSnapshots.vignette, n: count() })
    .from(responseSnapshots)
    .where(eq(responseSnapshots.attemptId, attemptId))
    .groupBy(responseSnapshots.vignette);
  return new Map(rows.map((r) => [r.vignette, Number(r.n)]));
}
