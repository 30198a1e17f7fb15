import type { IncidentCategory, Incident } from '@exam/shared/protocol';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
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

  /** Records an incident behind the actor's scope's row-level security (`scope`). */
  async function record(
    actorId: string,
    sittingId: string,
    incident: { enrolmentId: string | null; category: IncidentCategory; note: string },
    scope: Scope,
  ): Promise<string> {
    return withinScope(db, scope, async (tx) => {
      const incidentId = await repo.insertIncident(tx, {
        sittingId,
        ...incident,
        recordedBy: actorId,
        recordedAt: deps.clock.now(),
      });
      await deps.audit.append(tx, {
        actorId,
        action: 'incident.recorded',
        subjectType: 'sitting',
        subjectId: sittingId,
        details: { incidentId, enrolmentId: incident.enrolmentId, category: incident.category },
      });
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
     * The incident an action answers and the words its ledger entry keeps. A linked incident
     * must be of this sitting and about this candidate or the whole room; a reason alone
     * records a new incident. Call it once the action is known to be possible.
     */
    async causeOf(
      actorId: string,
      sittingId: string,
      enrolmentId: string | null,
      link: IncidentLink,
      scope: Scope,
    ): Promise<{ incidentId: string; reason: string }> {
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
        return { incidentId: row.id, reason: link.reason ?? row.note };
      }
      if (!link.reason)
        throw new AppError('VALIDATION_FAILED', 'Link an incident or give a reason.', 400);
      const note = link.reason;
      const incidentId = await record(
        actorId,
        sittingId,
        { enrolmentId, category: link.category ?? 'other', note },
        scope,
      );
      return { incidentId, reason: note };
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
