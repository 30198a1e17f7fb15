import { accommodationDeltaMs } from '@exam/shared/domain';
import type { DbOrTx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { AccommodationChange, AccommodationLedger } from '../sittings/index.js';
import { partClock, toClockEvents } from './attempt-context.js';
import * as deliveryRepo from './delivery.repo.js';

type Listener = (attemptId: string, reason: string) => void;

/**
 * Accommodations as time-ledger entries. The accommodation in force when an attempt is created
 * is frozen into its parts; a later approval or change adds an `accommodation` entry to every
 * part not yet closed (accommodationDeltaMs decides how much), so the remaining time of a
 * running part and the allowance of the next one follow the profile. Sittings calls `record`
 * inside the transaction that changes the profile; app.ts hands the ledger to both modules.
 */
export function createAccommodationLedger(deps: {
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}): AccommodationLedger & { onAnnounced(listener: Listener): void } {
  const listeners = new Set<Listener>();

  async function recordPart(
    tx: DbOrTx,
    attemptId: string,
    part: 1 | 2,
    change: AccommodationChange,
  ): Promise<boolean> {
    const row = await deliveryRepo.lockPart(tx, attemptId, part);
    if (!row || row.closedAt) return false;
    const rows = await deliveryRepo.loadClockEvents(tx, attemptId, part);
    const earlier = rows
      .filter((r) => r.type === 'accommodation')
      .reduce((sum, r) => sum + (r.ms ?? 0), 0);
    const frozen = { timeMultiplier: row.timeMultiplier, extraMinutes: row.extraMinutes };
    const target = change.accommodation[part];
    const started = row.startedAt !== null;
    const ms = accommodationDeltaMs(row.baseLimitMs, frozen, earlier, target, started);
    const asked = accommodationDeltaMs(row.baseLimitMs, frozen, earlier, target, false);
    if (ms === 0 && asked === 0) return false;
    const now = deps.clock.now();
    if (ms !== 0) {
      await deliveryRepo.insertClockEvent(tx, {
        attemptId,
        part,
        type: 'accommodation',
        at: now,
        ms,
        reason: change.reason,
        actorId: change.actorId,
      });
      const events = toClockEvents(await deliveryRepo.loadClockEvents(tx, attemptId, part));
      const clock = partClock({ row, events }, now.getTime());
      await deliveryRepo.updatePartClock(tx, attemptId, part, {
        deadlineAt: clock.deadline === null ? null : new Date(clock.deadline),
        paused: clock.status === 'paused',
      });
    }
    await deps.audit.append(tx, {
      actorId: change.actorId,
      action: 'clock.accommodation',
      subjectType: 'attempt',
      subjectId: attemptId,
      // heldBackMs: a reduction not applied because the part had already started.
      details: { part, ms, heldBackMs: asked - ms, reason: change.reason },
    });
    return ms !== 0;
  }

  return {
    async record(tx, change) {
      const changed: string[] = [];
      for (const id of await deliveryRepo.attemptIdsOf(tx, change.enrolmentIds)) {
        let any = false;
        for (const part of [1, 2] as const) any = (await recordPart(tx, id, part, change)) || any;
        if (any) changed.push(id);
      }
      return changed;
    },

    announce(attemptIds, reason) {
      for (const attemptId of attemptIds)
        for (const listener of listeners) listener(attemptId, reason);
    },

    onAnnounced(listener) {
      listeners.add(listener);
    },
  };
}
