import type { IncidentCategory, Incident } from '@exam/shared/protocol';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { DeliveryService } from '../delivery/index.js';
import type { DashboardFeed } from './dashboard-feed.js';
import { presentIncident } from './proctoring.presenters.js';
import * as repo from './proctoring.repo.js';

/** What a proctor's pause, resume, extra time or termination names as its cause. */
export interface IncidentLink {
  reason?: string | undefined;
  incidentId?: string | undefined;
  category?: IncidentCategory | undefined;
}

type LedgerReader = Pick<DeliveryService['ledger'], 'forIncidents'>;

/** Incidents with the time-ledger entries each caused. */
export async function withEffects(
  ledger: LedgerReader,
  rows: readonly repo.IncidentRow[],
): Promise<Incident[]> {
  const effects = await ledger.forIncidents(rows.map((row) => row.id));
  return rows.map((row) => presentIncident(row, effects.get(row.id) ?? []));
}

/** The incident an action names and the words its ledger entry keeps. */
export interface Cause {
  incidentId: string;
  reason: string;
}

/**
 * The cause an action will name, checked before anything is written: an existing incident
 * (`incidentId`), or the one its reason records when the action commits.
 */
export interface PendingCause {
  sittingId: string;
  enrolmentId: string | null;
  reason: string;
  incidentId?: string;
  category: IncidentCategory;
}

export type IncidentLedger = ReturnType<typeof createIncidentLedger>;

/**
 * Links incidents and the time ledger: every clock action a proctor takes names the incident
 * that caused it (an existing one, or one recorded from the written reason), the ledger entry
 * stores the link, and an incident is shown with the entries it caused.
 */
export function createIncidentLedger(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  ledger: LedgerReader;
  feed: Pick<DashboardFeed, 'publishIncident'>;
}) {
  const { db } = deps;

  type NewIncident = { enrolmentId: string | null; category: IncidentCategory; note: string };

  function insert(tx: Tx, actorId: string, sittingId: string, incident: NewIncident) {
    return repo.insertIncident(tx, {
      sittingId,
      ...incident,
      recordedBy: actorId,
      recordedAt: deps.clock.now(),
    });
  }

  function audited(
    tx: Tx,
    actorId: string,
    sittingId: string,
    incidentId: string,
    incident: Omit<NewIncident, 'note'>,
  ) {
    return deps.audit.append(tx, {
      actorId,
      action: 'incident.recorded',
      subjectType: 'sitting',
      subjectId: sittingId,
      details: { incidentId, enrolmentId: incident.enrolmentId, category: incident.category },
    });
  }

  /** Records an incident behind the actor's scope's row-level security (`scope`). */
  async function record(
    actorId: string,
    sittingId: string,
    incident: NewIncident,
    scope: Scope,
  ): Promise<string> {
    return withinScope(db, scope, async (tx) => {
      const incidentId = await insert(tx, actorId, sittingId, incident);
      await audited(tx, actorId, sittingId, incidentId, incident);
      return incidentId;
    });
  }

  async function load(incidentId: string): Promise<Incident> {
    const row = await repo.findIncident(db, incidentId);
    if (!row) throw new AppError('NOT_FOUND', 'No such incident.', 404);
    const [incident] = await withEffects(deps.ledger, [row]);
    if (!incident) throw new AppError('NOT_FOUND', 'No such incident.', 404);
    return incident;
  }

  return {
    record,

    /**
     * The cause an action will name, checked and nothing written. A linked incident must be of
     * this sitting and about this candidate or the whole room; a reason alone will record a
     * new incident, with `withCause`, in the action's own transaction.
     */
    async causeFor(
      sittingId: string,
      enrolmentId: string | null,
      link: IncidentLink,
    ): Promise<PendingCause> {
      const category = link.category ?? 'other';
      if (link.incidentId) {
        const row = await repo.findIncident(db, link.incidentId);
        if (row?.sittingId !== sittingId)
          throw new AppError('NOT_FOUND', 'No such incident in this sitting.', 404);
        if (row.enrolmentId !== null && row.enrolmentId !== enrolmentId) {
          throw new AppError(
            'INCIDENT_MISMATCH',
            `That incident concerns ${row.candidateName ?? 'another candidate'}, not this action.`,
            409,
          );
        }
        return {
          sittingId,
          enrolmentId,
          incidentId: row.id,
          reason: link.reason ?? row.note,
          category,
        };
      }
      if (!link.reason)
        throw new AppError('VALIDATION_FAILED', 'Link an incident or give a reason.', 400);
      return { sittingId, enrolmentId, reason: link.reason, category };
    },

    /**
     * An action and its cause in the action's transaction (`tx`, behind the actor's scope):
     * the incident its reason names is recorded, the action's `effect` runs with it, and the
     * incident's audit entry follows. A refused or failed effect rolls the incident back with
     * it, so no incident is left that caused nothing. The audit entry comes after the effect
     * because the audit chain's lock is taken after every row lock, as a batch of part starts
     * takes it (delivery's start-writer.ts): taken before the effect locks a part, it could
     * wait for that batch while the batch waits for it.
     */
    async withCause<T>(
      tx: Tx,
      actorId: string,
      pending: PendingCause,
      effect: (cause: Cause) => Promise<T>,
    ): Promise<{ cause: Cause; result: T }> {
      const { sittingId, enrolmentId, category, reason } = pending;
      if (pending.incidentId) {
        const cause = { incidentId: pending.incidentId, reason };
        return { cause, result: await effect(cause) };
      }
      const incidentId = await insert(tx, actorId, sittingId, {
        enrolmentId,
        category,
        note: reason,
      });
      const cause = { incidentId, reason };
      const result = await effect(cause);
      await audited(tx, actorId, sittingId, incidentId, { enrolmentId, category });
      return { cause, result };
    },

    load,

    /** Pushes the incident, with the entries it has caused so far, to every dashboard. */
    async publish(sittingId: string, incidentId: string): Promise<Incident> {
      const incident = await load(incidentId);
      deps.feed.publishIncident(sittingId, incident);
      return incident;
    },

    async list(sittingId: string, order: 'newest' | 'oldest' = 'newest'): Promise<Incident[]> {
      return withEffects(deps.ledger, await repo.listIncidents(db, sittingId, order));
    },
  };
}
