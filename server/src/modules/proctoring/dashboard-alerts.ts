import type { ProctorAlert, ProctorCandidate } from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import { sebRefusalsOf } from '../audit/index.js';
import type { DeliveryService } from '../delivery/index.js';
import type { RosterEntry } from '../sittings/index.js';
import * as alertAcks from './alert-acks.repo.js';
import { alertFor, backAfter, integrityAlerts } from './candidate-view.js';

const ALERTS_IN_SNAPSHOT = 50;

/**
 * A snapshot's alerts, newest first: every connection alert of the candidates' attempts and
 * every Safe Exam Browser refusal, the most recent `ALERTS_IN_SNAPSHOT`, each marked with
 * whether a proctor of the sitting acknowledged it.
 */
export async function recentAlerts(
  deps: { db: Db; delivery: Pick<DeliveryService, 'monitor'> },
  sittingId: string,
  roster: readonly RosterEntry[],
  candidates: readonly ProctorCandidate[],
): Promise<ProctorAlert[]> {
  const byAttempt = new Map(
    candidates.flatMap((c) => (c.attemptId ? [[c.attemptId, c] as const] : [])),
  );
  const events = await deps.delivery.monitor.connectionEvents([...byAttempt.keys()]);
  const alerts: ProctorAlert[] = [];
  for (const [index, event] of events.entries()) {
    const row = byAttempt.get(event.attemptId);
    if (!row) continue;
    const previous = events
      .slice(0, index)
      .findLast((e) => e.type === 'connect' && e.attemptId === event.attemptId);
    const alert = alertFor(event, row, previous?.session, backAfter(events, index));
    if (alert) alerts.push(alert);
  }
  // Refusals were only ever pushed live; the audit log keeps them for a reloaded page.
  alerts.push(...integrityAlerts(await sebRefusalsOf(deps.db, sittingId), roster));
  alerts.sort((a, b) => a.at - b.at);
  const acked = await alertAcks.acknowledgedAlerts(deps.db, sittingId);
  return alerts
    .reverse()
    .slice(0, ALERTS_IN_SNAPSHOT)
    .map((alert) => ({ ...alert, acknowledged: acked.has(alert.id) }));
}
