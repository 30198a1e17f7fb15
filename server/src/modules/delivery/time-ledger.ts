import type { LedgerEntry } from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import { userNamesByIds } from '../auth/index.js';
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
  /** Names come from auth through its index (delivery does not read the users table). */
  async function presentAll(rows: readonly LedgerRow[]): Promise<LedgerEntry[]> {
    const names = await userNamesByIds(
      deps.db,
      rows.flatMap((r) => [r.candidateId, r.event.actorId]),
    );
    return rows.flatMap((row) => {
      const candidate = names.get(row.candidateId);
      if (!candidate) return [];
      const actor = row.event.actorId ? names.get(row.event.actorId) : undefined;
      return [present(row, candidate.displayName, actor?.displayName ?? null)];
    });
  }

  function present(row: LedgerRow, candidateName: string, actorName: string | null): LedgerEntry {
    const { event } = row;
    const kind = event.type as LedgerEntry['kind'];
    return {
      id: event.id,
      enrolmentId: row.enrolmentId,
      candidateName,
      part: event.part === 2 ? 2 : 1,
      // Credits for outages and disconnects are stored as extensions.
      kind: kinds.has(kind) ? kind : 'extend',
      at: event.at.getTime(),
      ms: event.ms,
      reason: event.reason,
      actor: actorName,
      incidentId: event.incidentId,
    };
  }

  return {
    async forAttempt(attemptId: string): Promise<LedgerEntry[]> {
      return presentAll(await ledgerRows(deps.db, { attemptId }));
    },

    /** Entries caused by each incident, by incident id. */
    async forIncidents(incidentIds: readonly string[]): Promise<Map<string, LedgerEntry[]>> {
      const byIncident = new Map<string, LedgerEntry[]>();
      if (incidentIds.length === 0) return byIncident;
      const rows = await ledgerRows(deps.db, { incidentIds });
      for (const entry of await presentAll(rows)) {
        if (!entry.incidentId) continue;
        const list = byIncident.get(entry.incidentId) ?? [];
        list.push(entry);
        byIncident.set(entry.incidentId, list);
      }
      return byIncident;
    },
  };
}
