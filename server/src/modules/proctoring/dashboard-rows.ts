import type { ProctorCandidate } from '@exam/shared/protocol';
import type { DeliveryService } from '../delivery/index.js';
import type { AdmissionService, RosterEntry } from '../sittings/index.js';
import { candidateRow, type AttemptFacts } from './candidate-view.js';

/*
 * What a dashboard row is made of, kept apart from when it is sent: dashboard-feed.ts decides
 * when a candidate's row is recomputed and who hears it; this file reads the roster entry (from
 * sittings) and the attempt's progress, clocks and connection events (from delivery), and builds
 * the row with candidate-view.ts.
 */

/** Builds candidates' rows from the stored truth and remembers which enrolment an attempt is. */
export function createDashboardRows(deps: {
  delivery: Pick<DeliveryService, 'monitor' | 'loadContext' | 'clockOf'>;
  admission: Pick<AdmissionService, 'rosterEntry'>;
  /** When this instance's feed started: a connect from before it has ended by then. */
  startedAt: number;
}) {
  const { delivery, admission, startedAt } = deps;
  const owners = new Map<string, { sittingId: string; enrolmentId: string }>();

  async function factsFor(attemptIds: Map<string, string>): Promise<Map<string, AttemptFacts>> {
    const ids = [...attemptIds.values()];
    const progress = await delivery.monitor.progress(ids);
    const facts = new Map<string, AttemptFacts>();
    for (const [enrolmentId, attemptId] of attemptIds) {
      const context = await delivery.loadContext(attemptId);
      facts.set(enrolmentId, {
        attemptId,
        parts: [delivery.clockOf(context, 1), delivery.clockOf(context, 2)],
        questionCount: context.items.length,
        answered: progress.get(attemptId)?.answered ?? 0,
        responsesWritten: progress.get(attemptId)?.responsesWritten ?? 0,
      });
    }
    return facts;
  }

  async function rowsFor(entries: readonly RosterEntry[]): Promise<ProctorCandidate[]> {
    const attemptIds = await delivery.monitor.attemptsByEnrolment(
      entries.map((e) => e.enrolmentId),
    );
    for (const entry of entries) {
      const attemptId = attemptIds.get(entry.enrolmentId);
      if (attemptId) owners.set(attemptId, entry);
    }
    const [facts, events] = await Promise.all([
      factsFor(attemptIds),
      delivery.monitor.connectionEvents([...attemptIds.values()]),
    ]);
    return entries.map((entry) => {
      const attemptId = attemptIds.get(entry.enrolmentId);
      const own = attemptId ? events.filter((e) => e.attemptId === attemptId) : [];
      return candidateRow(entry, facts.get(entry.enrolmentId), own, startedAt);
    });
  }

  async function candidateRowFor(enrolmentId: string): Promise<ProctorCandidate | undefined> {
    const entry = await admission.rosterEntry(enrolmentId);
    if (!entry) return undefined;
    const [row] = await rowsFor([entry]);
    return row;
  }

  /** Which sitting and enrolment an attempt belongs to; looked up once, then remembered. */
  async function ownerOf(attemptId: string) {
    const known = owners.get(attemptId);
    if (known) return known;
    const context = await delivery.loadContext(attemptId);
    const entry = await admission.rosterEntry(context.enrolmentId);
    if (!entry) return undefined;
    const owner = { sittingId: entry.sittingId, enrolmentId: entry.enrolmentId };
    owners.set(attemptId, owner);
    return owner;
  }

  return { rowsFor, candidateRowFor, ownerOf };
}
