import type { CurrentUser, LateChangeView } from '@exam/shared/api';
import { hasAnyRole } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import { isWithinScope } from '../../db/scope-filters.js';
import { AppError } from '../../lib/app-error.js';
import { scopeOf } from '../../lib/request-actor.js';
import { lateChangeSummary, type AttemptContext, type DeliveryService } from '../delivery/index.js';
import type { AdmissionService, RosterEntry } from '../sittings/index.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;
type LateChangeRow = NonNullable<Awaited<ReturnType<DeliveryService['lateChanges']['find']>>>;

export type LateChangeDecisions = ReturnType<typeof createLateChangeDecisions>;

/**
 * Held late changes for the proctor console and the coordinator's sitting page: listed per
 * sitting with their evidence, and decided by a proctor assigned to the sitting, or by a
 * coordinator or administrator. Delivery applies the decision and audits it.
 */
export function createLateChangeDecisions(deps: {
  db: Db;
  delivery: Pick<DeliveryService, 'lateChanges' | 'monitor' | 'loadContext' | 'clockOf'>;
  admission: Pick<AdmissionService, 'findSitting' | 'isAssignedProctor' | 'roster' | 'rosterEntry'>;
  users: (ids: string[]) => Promise<Map<string, string>>;
}) {
  const { delivery, admission } = deps;

  /** Another association's sitting answers NOT_FOUND exactly like a missing one. */
  async function assertMayDecide(actor: Actor, sittingId: string): Promise<void> {
    const within = await isWithinScope(deps.db, scopeOf(actor), 'sitting', sittingId);
    const sitting = within ? await admission.findSitting(sittingId) : undefined;
    if (!sitting) throw new AppError('NOT_FOUND', 'No such sitting.', 404);
    if (hasAnyRole(actor.roles, ['coordinator', 'admin'])) return;
    if (actor.roles.includes('proctor') && (await admission.isAssignedProctor(sittingId, actor.id)))
      return;
    throw new AppError('NOT_ASSIGNED', 'You are not assigned to proctor this sitting.', 403);
  }

  async function present(rows: LateChangeRow[], roster: RosterEntry[]): Promise<LateChangeView[]> {
    const attempts = await delivery.monitor.attemptsByEnrolment(roster.map((r) => r.enrolmentId));
    const entryOf = new Map<string, RosterEntry>();
    for (const entry of roster) {
      const attemptId = attempts.get(entry.enrolmentId);
      if (attemptId) entryOf.set(attemptId, entry);
    }
    const deciders = await deps.users([
      ...new Set(rows.map((r) => r.decidedBy).filter((id): id is string => id !== null)),
    ]);
    // The attempt's form and seed name an answer's option as the bank has it (the summary).
    const contexts = new Map<string, AttemptContext>();
    for (const row of rows) {
      if (!contexts.has(row.attemptId))
        contexts.set(row.attemptId, await delivery.loadContext(row.attemptId));
    }
    return rows.flatMap((row) => {
      const entry = entryOf.get(row.attemptId);
      const context = contexts.get(row.attemptId);
      if (!entry || !context) return [];
      const part = context.parts.get(row.part)?.row;
      return [
        {
          id: row.id,
          enrolmentId: entry.enrolmentId,
          candidateName: entry.name,
          part: row.part as 1 | 2,
          kind: row.kind as LateChangeView['kind'],
          position: row.position,
          seq: row.seq,
          summary: lateChangeSummary(row, context),
          arrivedAt: row.arrivedAt.getTime(),
          clientClaimedAt: row.clientClaimedAt?.getTime() ?? null,
          lastContactAt: row.lastContactAt?.getTime() ?? null,
          deadline: part?.deadlineAt?.getTime() ?? null,
          status: row.status as LateChangeView['status'],
          decidedBy: row.decidedBy ? (deciders.get(row.decidedBy) ?? 'Unknown') : null,
          decidedAt: row.decidedAt?.getTime() ?? null,
          reason: row.reason,
        },
      ];
    });
  }

  return {
    async list(actor: Actor, sittingId: string): Promise<LateChangeView[]> {
      await assertMayDecide(actor, sittingId);
      const roster = await admission.roster(sittingId);
      const attempts = await delivery.monitor.attemptsByEnrolment(roster.map((r) => r.enrolmentId));
      const rows = await delivery.lateChanges.list(scopeOf(actor), [...attempts.values()]);
      return present(rows, roster);
    },

    async decide(
      actor: Actor,
      id: string,
      decision: 'accept' | 'decline',
      reason: string,
    ): Promise<LateChangeView> {
      const scope = scopeOf(actor);
      const found = await delivery.lateChanges.find(scope, id);
      if (!found) throw new AppError('NOT_FOUND', 'No such late change.', 404);
      const context = await delivery.loadContext(found.attemptId);
      const entry = await admission.rosterEntry(context.enrolmentId);
      if (!entry) throw new AppError('NOT_FOUND', 'No such late change.', 404);
      await assertMayDecide(actor, entry.sittingId);
      const decided = await delivery.lateChanges.decide(scope, actor.id, id, decision, reason);
      const [view] = await present([decided], [entry]);
      return view!;
    },
  };
}
