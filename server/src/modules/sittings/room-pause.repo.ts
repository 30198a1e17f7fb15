import { and, asc, eq, sql } from 'drizzle-orm';
import { arrayOf } from '../../db/arrays.js';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { sittings } from '../../db/schema/sittings.js';
import { sittingInScope } from './sittings.repo.js';

/** A room-wide pause in force: when it began and the incident that caused it. */
export interface RoomPause {
  since: Date;
  incidentId: string | null;
}

/**
 * Locks the sitting's row FOR UPDATE, as setRoomPause does, before the caller writes what the
 * pause will name (its incident), and says whether the room is paused now: `paused` with the
 * pause in force, `running`, or `out-of-scope` when the scope does not reach the sitting.
 */
export async function lockRoomPause(
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<{ state: 'paused'; pause: RoomPause } | { state: 'running' | 'out-of-scope' }> {
  const [row] = await tx
    .select({ since: sittings.roomPausedAt, incidentId: sittings.roomPauseIncidentId })
    .from(sittings)
    .where(and(eq(sittings.id, sittingId), sittingInScope(scope)))
    .for('update');
  if (!row) return { state: 'out-of-scope' };
  if (!row.since) return { state: 'running' };
  return { state: 'paused', pause: { since: row.since, incidentId: row.incidentId } };
}

/**
 * Sets (or, with null, clears) the sitting's room pause inside the caller's transaction. The
 * row is locked FOR UPDATE first: a batch of part starts holds FOR KEY SHARE on it while it
 * decides (roomPausesAmong), so the pause waits for starts already deciding, and starts after
 * it see it. A pause already in force keeps the incident and time it began with. False when
 * the scope does not reach the sitting.
 */
export async function setRoomPause(
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
  pause: RoomPause | null,
): Promise<boolean> {
  const [row] = await tx
    .select({ pausedAt: sittings.roomPausedAt })
    .from(sittings)
    .where(and(eq(sittings.id, sittingId), sittingInScope(scope)))
    .for('update');
  if (!row) return false;
  if (pause && row.pausedAt) return true;
  await tx
    .update(sittings)
    .set({ roomPausedAt: pause?.since ?? null, roomPauseIncidentId: pause?.incidentId ?? null })
    .where(eq(sittings.id, sittingId));
  return true;
}

/** The sitting's room pause in force, if any (for the proctor's dashboard). */
export async function roomPauseOf(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<RoomPause | undefined> {
  const [row] = await db
    .select({ since: sittings.roomPausedAt, incidentId: sittings.roomPauseIncidentId })
    .from(sittings)
    .where(and(eq(sittings.id, sittingId), sittingInScope(scope)));
  return row?.since ? { since: row.since, incidentId: row.incidentId } : undefined;
}

/**
 * The room pauses in force among these sittings, read inside a part start's transaction and
 * held FOR KEY SHARE until it commits (see setRoomPause). KEY SHARE conflicts only with FOR
 * UPDATE: starts do not wait on one another or on a coordinator's ordinary edit of the sitting.
 * Locked in id order, so two batches never wait on each other in a cycle.
 */
export async function roomPausesAmong(
  tx: DbOrTx,
  sittingIds: readonly string[],
): Promise<Map<string, RoomPause>> {
  if (sittingIds.length === 0) return new Map();
  const rows = await tx
    .select({
      id: sittings.id,
      since: sittings.roomPausedAt,
      incidentId: sittings.roomPauseIncidentId,
    })
    .from(sittings)
    .where(sql`${sittings.id} = any(${arrayOf(sittingIds)}::uuid[])`)
    .orderBy(asc(sittings.id))
    .for('key share');
  return new Map(
    rows.flatMap((row) =>
      row.since ? [[row.id, { since: row.since, incidentId: row.incidentId }] as const] : [],
    ),
  );
}
