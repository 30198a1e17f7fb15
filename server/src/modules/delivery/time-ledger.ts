import type { LedgerEntry } from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import { ledgerRows, type LedgerRow } from './time-ledger.repo.js';

const kinds = new Set<LedgerEntry['kind']>([
  'start',
  'pause',
  'resume',
  'extend',
  'accommodation',
  'end',
]);

export type TimeLedgerReader = ReturnType<typeof createTimeLedgerReader>;

/**
 * The time ledger as proctors and the incident report read it: every clock event of an attempt,
 * or every one an incident caused, with the candidate, who made it and why, oldest first.
 */
export function createTimeLedgerReader(deps: { db: Db }) {
  function present(row: LedgerRow): LedgerEntry {
    const { event } = row;
    const kind = event.type as LedgerEntry['kind'];
    return {
      id: event.id,
      enrolmentId: row.enrolmentId,
      candidateName: row.candidateName,
      part: event.part === 2 ? 2 : 1,
      // Credits for outages and disconnects are stored as extensions.
      kind: kinds.has(kind) ? kind : 'extend',
      at: event.at.getTime(),
      ms: event.ms,
      reason: event.reason,
      actor: row.actorName,
      incidentId: event.incidentId,
    };
  }

  return {
    async forAttempt(attemptId: string): Promise<LedgerEntry[]> {
      return (await ledgerRows(deps.db, { attemptId })).map(present);
    },

    /** Entries caused by each incident, by incident id. */
    async forIncidents(incidentIds: readonly string[]): Promise<Map<string, LedgerEntry[]>> {
      const byIncident = new Map<string, LedgerEntry[]>();
      if (incidentIds.length === 0) return byIncident;
      const rows = await ledgerRows(deps.db, { incidentIds });
      for (const entry of rows.map(present)) {
        if (!entry.incidentId) continue;
        const list = byIncident.get(entry.incidentId) ?? [];
        list.push(entry);
        byIncident.set(entry.incidentId, list);
      }
      return byIncident;
    },
  };
}
