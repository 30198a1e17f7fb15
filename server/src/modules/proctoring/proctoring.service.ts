import type { CurrentUser, ProctorSittingSummary, RecordIncidentRequest } from '@exam/shared/api';
import { hasAnyRole } from '@exam/shared/domain';
import type { ProctorCandidate } from '@exam/shared/protocol';
import { withinScope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { idsWithinScope } from '../../db/scope-filters.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AuditService } from '../audit/index.js';
import type { DeliveryService } from '../delivery/index.js';
import type { AdmissionService, RosterEntry } from '../sittings/index.js';
import { assertIdentityChecked, recordInPersonCheckIn } from './check-in-admission.js';
import type { DashboardFeed } from './dashboard-feed.js';
import type { DisconnectCredits } from './disconnect-credits.js';
import type { IncidentLedger, IncidentLink } from './incident-ledger.js';
import { presentSitting } from './proctoring.presenters.js';
import { createProctorAccess } from './proctor-access.js';
import { createProctorClock } from './proctor-clock.js';
import { createClockActions } from './clock-actions.js';
import { createProctorRecords } from './proctor-records.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;

/** Sittings a proctor can act on: being prepared or running. */
const watchable = ['scheduled', 'open'];

export type ProctoringService = ReturnType<typeof createProctoringService>;

/**
 * The proctor's actions. Each checks that the actor may proctor the candidate's sitting
 * (assigned proctors; coordinators and admins everywhere), is audited, goes through delivery
 * when it touches the clock, and pushes the candidate's new row to every watching dashboard.
 * What the console reads of the record (disconnects, ledger, incident report): proctor-records.ts;
 * the actions on one candidate's clock: clock-actions.ts.
 */
export function createProctoringService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: Pick<
    DeliveryService,
    | 'monitor'
    | 'loadContext'
    | 'currentContext'
    | 'clockOf'
    | 'recordClockEvent'
    | 'recordClockEventIn'
    | 'closePartsIn'
    | 'announce'
    | 'ledger'
  >;
  admission: AdmissionService;
  feed: Pick<DashboardFeed, 'touch' | 'candidateRow' | 'publishRoom'>;
  credits: DisconnectCredits;
  incidents: IncidentLedger;
}) {
  const { db, delivery, admission } = deps;

  const { sittingFor, candidateFor } = createProctorAccess({ db, admission });

  const proctorClock = createProctorClock({ delivery });
  const { attemptOf, applyToRoom } = proctorClock;

  async function rowOf(entry: RosterEntry): Promise<ProctorCandidate> {
    deps.feed.touch(entry.sittingId, entry.enrolmentId);
    const row = await deps.feed.candidateRow(entry.enrolmentId);
    if (!row) throw new AppError('NOT_FOUND', 'No such candidate.', 404);
    return row;
  }

  return {
    sittingFor,
    candidateFor,
    ...createProctorRecords({ ...deps, access: { sittingFor, candidateFor } }),
    ...createClockActions({ ...deps, candidateFor, proctorClock, rowOf }),

    async listSittings(actor: Actor): Promise<ProctorSittingSummary[]> {
      const everywhere = hasAnyRole(actor.roles, ['coordinator', 'admin']);
      const all = await admission.listSittings({
        statuses: watchable,
        ...(everywhere ? {} : { assignedTo: actor.id }),
      });
      const mine = await idsWithinScope(
        db,
        scopeOf(actor),
        'sitting',
        all.map((row) => row.id),
      );
      const rows = all.filter((row) => mine.has(row.id));
      return rows.map((row) => ({ ...presentSitting(row), candidateCount: row.candidateCount }));
    },

    /** Past the sitting's late cutoff, admission is the proctor's decision with a reason. */
    async admit(actor: Actor, enrolmentId: string, reason?: string): Promise<ProctorCandidate> {
      const entry = await candidateFor(actor, enrolmentId);
      const sitting = await sittingFor(actor, entry.sittingId);
      const scope = scopeOf(actor);
      const now = deps.clock.now();
      const late = await admission.isLateArrival(entry.sittingId, now);
      if (late && !reason) {
        throw new AppError(
          'LATE_ARRIVAL',
          `${entry.name} arrived after the late cutoff: give a reason to admit them.`,
          409,
        );
      }
      // Behind the scope's row-level security too: the enrolment must be the association's.
      const admitted = await withinScope(db, scope, async (tx) => {
        await assertIdentityChecked(tx, scope, sitting, entry);
        const changed = await admission.admit(tx, enrolmentId, actor.id, now);
        if (!changed) return false;
        await recordInPersonCheckIn(tx, scope, sitting, enrolmentId, actor.id, deps.clock.now());
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'candidate.admitted',
          subjectType: 'enrolment',
          subjectId: enrolmentId,
          details: { sittingId: entry.sittingId, ...(late ? { late: true, reason } : {}) },
        });
        return true;
      });
      if (!admitted)
        throw new AppError('ALREADY_ADMITTED', `${entry.name} is already admitted.`, 409);
      const attemptId = (await delivery.monitor.attemptsByEnrolment([enrolmentId])).get(
        enrolmentId,
      );
      // A candidate waiting in the lobby gets a fresh welcome that says they are admitted.
      if (attemptId) delivery.announce(attemptId, 'admitted by the proctor');
      return rowOf(entry);
    },

    /**
     * Room-wide pause or resume, in two steps. First, in one transaction: the room's paused
     * state on the sitting's row, the incident it names (recorded from its reason, or linked)
     * and the room's audit entry. From then on no part starts in the room, on any instance or
     * after a restart, until the resume clears it (start-writer.ts). Then each candidate whose
     * clock can change gets a clock event, each in its own transaction with its own audit entry
     * and linked to the incident. Not one transaction for all: it would hold the sitting's row
     * and every candidate's part at once, stopping every start in the room meanwhile, and one
     * part closed meanwhile would undo the pause for the whole room; such a candidate is left
     * unchanged instead (applyToRoom). Candidates waiting to start a part are sent the welcome
     * again, which says whether the room is paused. A resume leaves a candidate paused for their
     * own incident paused (`keptPaused`, by name).
     */
    async setRoomPaused(
      actor: Actor,
      sittingId: string,
      pause: boolean,
      link: IncidentLink,
    ): Promise<{ changed: number; keptPaused: string[] }> {
      await sittingFor(actor, sittingId);
      const scope = scopeOf(actor);
      const pending = await deps.incidents.causeFor(sittingId, null, link);
      const room = admission.inScope(scope);
      const { cause } = await withinScope(db, scope, async (tx) => {
        // The sitting's row first, FOR UPDATE: the incident's insert takes it FOR KEY SHARE
        // (its foreign key), and two proctors pausing at once would each hold that share and
        // wait for the other's update.
        const locked = await room.lockRoomPause(tx, sittingId);
        if (locked.state === 'out-of-scope')
          throw new AppError('NOT_FOUND', 'No such sitting.', 404);
        // A second pause (another proctor's, or a page behind) would record an incident and an
        // audit entry for a pause that changes nothing: the first pause stands.
        if (pause && locked.state === 'paused')
          throw new AppError(
            'ROOM_PAUSED',
            'The whole room is already paused; to note what happened, record an incident.',
            409,
            { since: locked.pause.since.toISOString() },
          );
        return deps.incidents.withCause(tx, actor.id, pending, async ({ reason, incidentId }) => {
          const since = deps.clock.now();
          await room.setRoomPause(tx, sittingId, pause ? { since, incidentId } : null);
          await deps.audit.append(tx, {
            actorId: actor.id,
            action: pause ? 'room.paused' : 'room.resumed',
            subjectType: 'sitting',
            subjectId: sittingId,
            details: { reason, incidentId },
          });
        });
      });
      // Every dashboard of the sitting, on every instance, says so from now on.
      deps.feed.publishRoom(sittingId);
      const roomWide = new Set(
        (await deps.incidents.list(sittingId))
          .filter((i) => i.enrolmentId === null)
          .map((i) => i.id),
      );
      const roster = await admission.roster(sittingId);
      const attempts = await delivery.monitor.attemptsByEnrolment(
        roster.map((entry) => entry.enrolmentId),
      );
      let changed = 0;
      const keptPaused: string[] = [];
      for (const entry of roster) {
        const attemptId = attempts.get(entry.enrolmentId);
        if (!attemptId) continue;
        const outcome = await applyToRoom(attemptId, pause, roomWide, cause, actor);
        if (outcome === 'kept') keptPaused.push(entry.name);
        if (outcome === 'waiting')
          delivery.announce(attemptId, pause ? 'room paused' : 'room resumed');
        if (outcome !== 'changed') continue;
        changed += 1;
        deps.feed.touch(sittingId, entry.enrolmentId);
      }
      await deps.incidents.publish(sittingId, cause.incidentId);
      return { changed, keptPaused };
    },

    async recordIncident(actor: Actor, sittingId: string, request: RecordIncidentRequest) {
      await sittingFor(actor, sittingId);
      if (request.enrolmentId) {
        const entry = await admission.rosterEntry(request.enrolmentId);
        if (entry?.sittingId !== sittingId)
          throw new AppError('NOT_FOUND', 'That candidate is not in this sitting.', 404);
      }
      const id = await deps.incidents.record(actor.id, sittingId, request, scopeOf(actor));
      return deps.incidents.publish(sittingId, id);
    },

    /** The attempt a resume code is issued for; the candidate must have opened the exam. */
    async attemptForCode(actor: Actor, enrolmentId: string): Promise<string> {
      return (await attemptOf(await candidateFor(actor, enrolmentId))).attemptId;
    },
  };
}
