import type {
  DashboardSnapshot,
  Incident,
  ProctorAlert,
  ProctorCandidate,
  ProctorRoomPause,
} from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { DeliveryService } from '../delivery/index.js';
import type { AdmissionService, ProctoredSitting } from '../sittings/index.js';
import * as alertAcks from './alert-acks.repo.js';
import type { SebRefusalRecord } from '../audit/index.js';
import {
  alertFor,
  backAfter,
  disconnectEndedBy,
  INTEGRITY_ALERT_EVERY_MS,
  integrityAlertFor,
} from './candidate-view.js';
import { recentAlerts } from './dashboard-alerts.js';
import { createDashboardRoom } from './dashboard-room.js';
import { createDashboardRows } from './dashboard-rows.js';
import * as repo from './proctoring.repo.js';
import { withEffects } from './incident-ledger.js';
import { presentSitting } from './proctoring.presenters.js';

export type FeedEvent =
  | { kind: 'candidate'; candidate: ProctorCandidate }
  | { kind: 'alert'; alert: ProctorAlert }
  | { kind: 'incident'; incident: Incident }
  | { kind: 'check-in'; enrolmentId: string }
  | { kind: 'room'; roomPause: ProctorRoomPause | null }
  | { kind: 'acknowledged'; alertIds: string[] };
export type FeedListener = (event: FeedEvent) => void;

/**
 * Saves can come many times a second; the proctor's answered count need not. With the bus's
 * window (100-250 ms) in front of it, a save on any instance shows within a second.
 */
const PROGRESS_DELAY_MS = 500;
/** Coalesces the several changes one action causes (clock event, refresh, activity). */
const CHANGE_DELAY_MS = 20;

export type DashboardFeed = ReturnType<typeof createDashboardFeed>;

/**
 * Turns per-attempt changes and activity, from every instance (the event bus, wired in
 * instance-events.ts), into per-sitting dashboard events. Nothing is computed for sittings
 * nobody is watching here; each candidate's row is recomputed from the database
 * (dashboard-rows.ts, never patched), so a dashboard can only ever show the stored truth.
 */
export function createDashboardFeed(deps: {
  db: Db;
  clock: Clock;
  delivery: Pick<DeliveryService, 'monitor' | 'loadContext' | 'clockOf' | 'ledger'>;
  admission: Pick<AdmissionService, 'findSitting' | 'roster' | 'rosterEntry' | 'roomPause'>;
  /** A proctor's action on an enrolment is announced to the dashboards on other instances. */
  events: Pick<EventBus, 'publish'>;
  log: (message: string, details?: Record<string, unknown>) => void;
}) {
  const { delivery, admission } = deps;
  const listeners = new Map<string, Set<FeedListener>>();
  const scheduled = new Map<string, { due: number; timer: NodeJS.Timeout; sittingId: string }>();
  const integrityAlerted = new Map<string, number>();
  const { rowsFor, candidateRowFor, ownerOf } = createDashboardRows({
    delivery,
    admission,
    startedAt: deps.clock.now().getTime(),
  });

  function emit(sittingId: string, event: FeedEvent): void {
    for (const listener of listeners.get(sittingId) ?? []) listener(event);
  }
  const room = createDashboardRoom({
    ...deps,
    watched: (sittingId) => listeners.has(sittingId),
    emit: (sittingId, roomPause) => emit(sittingId, { kind: 'room', roomPause }),
  });

  /** Recomputes one candidate's row after `delayMs`, unless it is already due sooner. */
  function schedule(sittingId: string, enrolmentId: string, delayMs: number): void {
    if (!listeners.has(sittingId)) return;
    const due = Date.now() + delayMs;
    const existing = scheduled.get(enrolmentId);
    if (existing && existing.due <= due) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      scheduled.delete(enrolmentId);
      candidateRowFor(enrolmentId).then(
        (candidate) => candidate && emit(sittingId, { kind: 'candidate', candidate }),
        (error: unknown) => deps.log('dashboard row failed', { error: String(error) }),
      );
    }, delayMs);
    timer.unref();
    scheduled.set(enrolmentId, { due, timer, sittingId });
  }

  /** A save (no eventId) or a connect/disconnect (the attempt_events row). */
  async function onActivity(attemptId: string, eventId: number | undefined): Promise<void> {
    const owner = await ownerOf(attemptId);
    if (!owner || !listeners.has(owner.sittingId)) return;
    if (eventId === undefined) {
      schedule(owner.sittingId, owner.enrolmentId, PROGRESS_DELAY_MS);
      return;
    }
    schedule(owner.sittingId, owner.enrolmentId, CHANGE_DELAY_MS);
    const events = await delivery.monitor.connectionEvents([attemptId]);
    const index = events.findIndex((e) => e.id === eventId);
    const event = events[index];
    const entry = await admission.rosterEntry(owner.enrolmentId);
    if (!event || !entry) return;
    const previous = events.slice(0, index).findLast((e) => e.type === 'connect');
    const alert = alertFor(event, entry, previous?.session, backAfter(events, index));
    if (alert) emit(owner.sittingId, { kind: 'alert', alert });
    // Back after a disconnect: that disconnect's line is sent again (same id) with its end.
    const ended = disconnectEndedBy(events, index);
    const disconnect = ended === undefined ? undefined : events[ended];
    if (ended === undefined || !disconnect) return;
    const before = events.slice(0, ended).findLast((e) => e.type === 'connect');
    const line = alertFor(disconnect, entry, before?.session, event.at.getTime());
    if (!line) return;
    const acked = await alertAcks.acknowledgedAlerts(deps.db, owner.sittingId, [line.id]);
    emit(owner.sittingId, { kind: 'alert', alert: { ...line, acknowledged: acked.has(line.id) } });
  }

  /**
   * Raises the integrity alert of a refusal at `at`, unless one for the candidate was raised
   * here less than a minute before; false when it was not raised.
   */
  function raiseIntegrity(sittingId: string, candidateId: string, at: number, reason?: string) {
    const key = `${sittingId}:${candidateId}`;
    if (at - (integrityAlerted.get(key) ?? -Infinity) < INTEGRITY_ALERT_EVERY_MS) return false;
    integrityAlerted.set(key, at);
    if (!listeners.has(sittingId)) return true;
    admission.roster(sittingId).then(
      (roster) => {
        const entry = roster.find((e) => e.candidateId === candidateId);
        if (entry) emit(sittingId, { kind: 'alert', alert: integrityAlertFor(entry, at, reason) });
      },
      (error: unknown) => deps.log('integrity alert failed', { error: String(error) }),
    );
    return true;
  }

  /** Acknowledged alerts of a watched sitting, read from the table and sent to its dashboards. */
  function rereadAcknowledged(sittingId: string): void {
    if (!listeners.has(sittingId)) return;
    alertAcks.acknowledgedAlerts(deps.db, sittingId).then(
      (acked) => acked.size > 0 && emit(sittingId, { kind: 'acknowledged', alertIds: [...acked] }),
      (error: unknown) => deps.log('dashboard acknowledgement failed', { error: String(error) }),
    );
  }

  /** One incident (with its effects) or, without an id, every one, oldest first, sent again. */
  function rereadIncidents(sittingId: string, incidentId?: string): void {
    if (!listeners.has(sittingId)) return;
    repo
      .listIncidents(deps.db, sittingId, 'oldest')
      .then(async (rows) => {
        const wanted = incidentId ? rows.filter((r) => r.id === incidentId) : rows;
        for (const incident of await withEffects(delivery.ledger, wanted))
          emit(sittingId, { kind: 'incident', incident });
      })
      .catch((error: unknown) => deps.log('dashboard incident failed', { error: String(error) }));
  }
  return {
    /** A candidate saved, connected or dropped, on any instance. */
    activity(attemptId: string, eventId?: number): void {
      if (listeners.size === 0) return;
      onActivity(attemptId, eventId).catch((error: unknown) =>
        deps.log('dashboard activity failed', { error: String(error) }),
      );
    },

    /** An attempt's clock or parts changed, on any instance (after this one reread it). */
    attemptChanged(attemptId: string): void {
      if (listeners.size === 0) return;
      ownerOf(attemptId).then(
        (owner) => owner && schedule(owner.sittingId, owner.enrolmentId, CHANGE_DELAY_MS),
        (error: unknown) => deps.log('dashboard change failed', { error: String(error) }),
      );
    },

    /** A proctor acted on an enrolment, on any instance. */
    enrolmentChanged(sittingId: string, enrolmentId: string): void {
      schedule(sittingId, enrolmentId, CHANGE_DELAY_MS);
    },

    /**
     * Events may have been missed (the bus reconnected): recompute every watched row, and send
     * the room's state, the acknowledged alerts and the incidents again (each replaces what the
     * dashboard holds, so those it had already are not doubled).
     */
    resync(): void {
      for (const sittingId of listeners.keys()) {
        room.reread(sittingId);
        rereadAcknowledged(sittingId);
        rereadIncidents(sittingId);
        admission.roster(sittingId).then(
          (roster) => {
            for (const entry of roster) schedule(sittingId, entry.enrolmentId, CHANGE_DELAY_MS);
          },
          (error: unknown) => deps.log('dashboard resync failed', { error: String(error) }),
        );
      }
    },

    async snapshot(
      sitting: ProctoredSitting,
    ): Promise<Omit<DashboardSnapshot, 'type' | 'serverTime' | 'protocolVersion'>> {
      const roster = await admission.roster(sitting.id);
      const candidates = await rowsFor(roster);
      const incidents = await repo.listIncidents(deps.db, sitting.id);
      return {
        sitting: presentSitting(sitting),
        candidates,
        alerts: await recentAlerts(deps, sitting.id, roster, candidates),
        incidents: await withEffects(delivery.ledger, incidents),
        roomPause: await room.roomPauseOf(sitting.id, incidents),
      };
    },

    candidateRow: candidateRowFor,

    subscribe(sittingId: string, listener: FeedListener): () => void {
      let set = listeners.get(sittingId);
      if (!set) listeners.set(sittingId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(sittingId);
      };
    },

    /** After a proctor action: push the candidate's row now (admission may have no attempt yet). */
    touch(sittingId: string, enrolmentId: string): void {
      schedule(sittingId, enrolmentId, 0);
      deps.events.publish({ kind: 'enrolment', sittingId, enrolmentId });
    },

    /**
     * A candidate's request refused by the Safe Exam Browser check here (see modules/seb): the
     * alert is raised here and, through the bus, on every instance, at most once a minute.
     */
    integrityRefused: (refusal: SebRefusalRecord & { sittingId: string }): void => {
      const { sittingId, candidateId, at, reason } = refusal;
      if (raiseIntegrity(sittingId, candidateId, at, reason))
        deps.events.publish({ kind: 'integrity', sittingId, candidateId, at, reason });
    },

    /** A refusal on another instance at `at` (its clock): the same alert, the same id. */
    integrityElsewhere(sittingId: string, candidateId: string, at: number, reason?: string): void {
      raiseIntegrity(sittingId, candidateId, at, reason);
    },

    /**
     * A proctor dealt with these alerts: stored, then every dashboard of the sitting hears it,
     * here at once and on the other instances through the bus (acknowledgedElsewhere).
     */
    async acknowledge(sittingId: string, alertIds: string[], userId: string): Promise<void> {
      await alertAcks.acknowledgeAlerts(deps.db, sittingId, alertIds, userId, deps.clock.now());
      emit(sittingId, { kind: 'acknowledged', alertIds });
      deps.events.publish({ kind: 'acknowledged', sittingId });
    },

    /** Alerts acknowledged on another instance: which, is read from the table. */
    acknowledgedElsewhere: rereadAcknowledged,

    publishIncident(sittingId: string, incident: Incident): void {
      emit(sittingId, { kind: 'incident', incident });
      deps.events.publish({ kind: 'incident', sittingId, incidentId: incident.id });
    },

    /**
     * A candidate's check-in changed here: this instance's dashboards of the sitting hear it now,
     * the others' through the bus (checkInChanged). Dashboards reread the check-ins themselves.
     */
    publishCheckIn(sittingId: string, enrolmentId: string): void {
      emit(sittingId, { kind: 'check-in', enrolmentId });
      deps.events.publish({ kind: 'check-in', sittingId, enrolmentId });
    },

    /** The room was paused or resumed here (committed): dashboards here and elsewhere reread it. */
    publishRoom(sittingId: string): void {
      room.reread(sittingId);
      deps.events.publish({ kind: 'room', sittingId });
    },

    /** The room was paused or resumed on another instance. */
    roomChanged: room.reread,

    /** A check-in changed on another instance. */
    checkInChanged(sittingId: string, enrolmentId: string): void {
      emit(sittingId, { kind: 'check-in', enrolmentId });
    },

    /** An incident recorded on another instance: read it (with its effects) and show it. */
    incidentRecorded: rereadIncidents,

    stop(): void {
      for (const { timer } of scheduled.values()) clearTimeout(timer);
      scheduled.clear();
    },
  };
}
