import { and, asc, count, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { responseSnapshots, responses, vignetteChoices } from '../../db/schema/index.js';

export type ResponseRow = typeof responses.$inferSelect;

/**
 * Stores a draft unless a newer revision is already stored or the part is not open, and keeps
 * a snapshot when none was taken in the last minute. One statement, so it is atomic on its own
 * and the document crosses the wire once: the snapshot copies what the upsert returned.
 */
export async function storeDraft(
  db: DbOrTx,
  draft: { attemptId: string; vignette: number; doc: unknown; revision: number; words: number },
  at: Date,
  cutoff: Date,
): Promise<boolean> {
  const stored = await queryRows<{ revision: number }>(
    db,
    sql`WITH part AS (
          SELECT attempt_id FROM attempt_parts
          WHERE attempt_id = ${draft.attemptId} AND part = 2 AND started_at IS NOT NULL AND closed_at IS NULL
            AND (deadline_at IS NULL OR deadline_at >= ${cutoff})
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
        SELECT revision FROM stored`,
  );
  return stored.length > 0;
}

export function loadResponses(db: DbOrTx, attemptId: string): Promise<ResponseRow[]> {
  return db
    .select()
    .from(responses)
    .where(eq(responses.attemptId, attemptId))
    .orderBy(asc(responses.vignette));
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
