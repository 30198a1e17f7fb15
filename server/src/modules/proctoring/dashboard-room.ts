import type { ProctorRoomPause } from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import type { AdmissionService } from '../sittings/index.js';
import { presentRoomPause } from './proctoring.presenters.js';
import * as repo from './proctoring.repo.js';

/**
 * The room's pause as the dashboards show it, always read from the sitting's row (where the
 * pause is kept, so a reload, a restart or another instance reads the same), never remembered
 * here. dashboard-feed.ts decides who hears it.
 */
export function createDashboardRoom(deps: {
  db: Db;
  admission: Pick<AdmissionService, 'roomPause'>;
  /** Whether anyone here watches the sitting: nothing is read for a sitting nobody watches. */
  watched(sittingId: string): boolean;
  /** Sends the room's state now to the dashboards of the sitting on this instance. */
  emit(sittingId: string, roomPause: ProctorRoomPause | null): void;
  log: (message: string, details?: Record<string, unknown>) => void;
}) {
  /** Per sitting, the reread in flight: the next one waits for it. */
  const rereads = new Map<string, Promise<void>>();

  /** The pause in force, with its incident (looked for first among `incidents`, if given). */
  async function roomPauseOf(
    sittingId: string,
    incidents?: readonly repo.IncidentRow[],
  ): Promise<ProctorRoomPause | null> {
    const pause = await deps.admission.roomPause(sittingId);
    const incidentId = pause?.incidentId;
    if (!pause || !incidentId) return presentRoomPause(pause, undefined);
    // Recorded after the caller's list was read, it is read by itself.
    const incident =
      incidents?.find((row) => row.id === incidentId) ??
      (await repo.findIncident(deps.db, incidentId));
    return presentRoomPause(pause, incident?.sittingId === sittingId ? incident : undefined);
  }

  return {
    roomPauseOf,

    /**
     * Reads the room's state and sends it. Rereads of one sitting run one after another, so a
     * pause and the resume right after it reach the dashboards in that order (two reads at once
     * could finish the other way round and leave the pause on screen).
     */
    reread(sittingId: string): void {
      if (!deps.watched(sittingId)) return;
      const previous = rereads.get(sittingId) ?? Promise.resolve();
      const next = previous
        .then(async () => deps.emit(sittingId, await roomPauseOf(sittingId)))
        .catch((error: unknown) => deps.log('dashboard room failed', { error: String(error) }))
        .finally(() => {
          if (rereads.get(sittingId) === next) rereads.delete(sittingId);
        });
      rereads.set(sittingId, next);
    },
  };
}
