import { and, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { responseSnapshots, responses } from '../../db/schema/responses.js';

export type SnapshotRow = typeof responseSnapshots.$inferSelect;

/** A stored version of this attempt's response to this vignette; undefined if not one of its. */
export async function findSnapshot(
  db: DbOrTx,
  attemptId: string,
  vignette: number,
  snapshotId: number,
): Promise<SnapshotRow | undefined> {
  const [row] = await db
    .select()
    .from(responseSnapshots)
    .where(
      and(
        eq(responseSnapshots.id, snapshotId),
        eq(responseSnapshots.attemptId, attemptId),
        eq(responseSnapshots.vignette, vignette),
      ),
    );
  return row;
}

/** The stored response's revision, 0 when none is stored. */
export async function currentRevision(
  db: DbOrTx,
  attemptId: string,
  vignette: number,
): Promise<number> {
  const [top] = await db
    .select({ value: max(responses.revision) })
    .from(responses)
    .where(and(eq(responses.attemptId, attemptId), eq(responses.vignette, vignette)));
  return top?.value ?? 0;
}

/**
 * Makes `snapshot`'s document the current response at `revision`, and records that as a new
 * snapshot (reason 'restore', by `actorId`).
 */
export async function storeRestored(
  tx: DbOrTx,
  snapshot: SnapshotRow,
  revision: number,
  actorId: string,
  at: Date,
): Promise<void> {
  const { attemptId, vignette, doc, words } = snapshot;
  await tx
    .insert(responses)
    .values({ attemptId, vignette, doc, revision, words, updatedAt: at })
    .onConflictDoUpdate({
      target: [responses.attemptId, responses.vignette],
      set: { doc, revision, words, updatedAt: at },
    });
  await tx.insert(responseSnapshots).values({
    attemptId,
    vignette,
    revision,
    doc,
    words,
    at,
    reason: 'restore',
    actorId,
  });
}
