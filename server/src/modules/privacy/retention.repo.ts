import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { retentionPurges } from '../../db/schema/privacy.js';

export type PurgeRow = typeof retentionPurges.$inferSelect;

/** The purge records of `sittingIds`. */
export async function purgesOf(db: DbOrTx, sittingIds: readonly string[]): Promise<PurgeRow[]> {
  if (sittingIds.length === 0) return [];
  return db
    .select()
    .from(retentionPurges)
    .where(inArray(retentionPurges.sittingId, [...sittingIds]));
}

/** Confirms (or confirms again, clearing an earlier purge's mark) a purge of each sitting. */
export async function confirm(
  tx: DbOrTx,
  sittingIds: readonly string[],
  by: string,
  at: Date,
): Promise<void> {
  if (sittingIds.length === 0) return;
  await tx
    .insert(retentionPurges)
    .values(sittingIds.map((sittingId) => ({ sittingId, confirmedBy: by, confirmedAt: at })))
    .onConflictDoUpdate({
      target: retentionPurges.sittingId,
      set: {
        confirmedBy: sql`excluded.confirmed_by`,
        confirmedAt: sql`excluded.confirmed_at`,
        purgedAt: null,
        purged: null,
      },
    });
}

/** Confirmed purges not yet carried out, oldest confirmation first. */
export async function pendingPurges(db: DbOrTx): Promise<PurgeRow[]> {
  return db
    .select()
    .from(retentionPurges)
    .where(isNull(retentionPurges.purgedAt))
    .orderBy(retentionPurges.confirmedAt);
}

/**
 * Marks one confirmed purge done, if it still is pending (locked, so two leaders' jobs, or a
 * job and a new confirmation, cannot both act on it). False when it was not pending.
 */
export async function markPurged(
  tx: DbOrTx,
  sittingId: string,
  at: Date,
  purged: Record<string, number>,
): Promise<boolean> {
  const rows = await tx
    .update(retentionPurges)
    .set({ purgedAt: at, purged })
    .where(and(eq(retentionPurges.sittingId, sittingId), isNull(retentionPurges.purgedAt)))
    .returning({ sittingId: retentionPurges.sittingId });
  return rows.length > 0;
}

/** The sittings whose responses a purge has removed. */
export async function purgedSittings(
  db: DbOrTx,
  sittingIds: readonly string[],
): Promise<Set<string>> {
  const rows = await purgesOf(db, sittingIds);
  return new Set(rows.filter((row) => row.purgedAt !== null).map((row) => row.sittingId));
}
