import type { CurrentUser } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AttemptContext, DeliveryService } from '../delivery/index.js';
import type { RosterEntry } from '../sittings/index.js';
import { currentPartOf } from './candidate-view.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;
type Cause = { reason: string; incidentId: string };

/**
 * What the room's pause or resume did to one candidate: `changed` their clock, `kept` them
 * paused for their own incident, `waiting` (a part not started: their screen must hear of the
 * room) or `unchanged`.
 */
export type RoomOutcome = 'changed' | 'kept' | 'waiting' | 'unchanged';

/** A candidate's attempt and running clock as a proctor's action finds them, through delivery. */
export function createProctorClock(deps: {
  delivery: Pick<
    DeliveryService,
    'monitor' | 'loadContext' | 'currentContext' | 'clockOf' | 'recordClockEvent' | 'ledger'
  >;
}) {
  const { delivery } = deps;

  async function attemptOf(entry: RosterEntry): Promise<AttemptContext> {
    const ids = await delivery.monitor.attemptsByEnrolment([entry.enrolmentId]);
    const attemptId = ids.get(entry.enrolmentId);
    if (!attemptId) {
      throw new AppError('NOT_ARRIVED', `${entry.name} has not opened the exam yet.`, 409);
    }
    return delivery.loadContext(attemptId);
  }

  function currentClock(context: AttemptContext) {
    const part = currentPartOf([delivery.clockOf(context, 1), delivery.clockOf(context, 2)]);
    return { part, clock: delivery.clockOf(context, part) };
  }

  async function record(context: AttemptContext, pause: boolean, cause: Cause, actor: Actor) {
    const { part } = currentClock(context);
    // Behind the actor's row-level security: PostgreSQL refuses another association's attempt.
    await delivery.recordClockEvent(context, part, {
      type: pause ? 'pause' : 'resume',
      ...cause,
      actorId: actor.id,
      scope: scopeOf(actor),
    });
  }

  /** Pauses or resumes one candidate's running part; false when there was nothing to change. */
  async function setPaused(
    entry: RosterEntry,
    pause: boolean,
    cause: Cause,
    actor: Actor,
  ): Promise<boolean> {
    const ids = await delivery.monitor.attemptsByEnrolment([entry.enrolmentId]);
    const attemptId = ids.get(entry.enrolmentId);
    if (!attemptId) return false;
    const context = await delivery.loadContext(attemptId);
    if (currentClock(context).clock.status !== (pause ? 'running' : 'paused')) return false;
    await record(context, pause, cause, actor);
    return true;
  }

  /**
   * The room's pause or resume for one candidate's attempt, read now (currentContext): the
   * room's paused state is committed before this runs, so a start that committed before it is
   * seen here and paused, and a later one was refused. A resume lifts a pause a room-wide
   * incident caused (or one naming no incident); a candidate paused for their own incident
   * (taken ill, say) stays paused, `kept`, until the proctor resumes them from their row:
   * resuming the room had restarted their clock while they were still away.
   */
  async function applyToRoom(
    attemptId: string,
    pause: boolean,
    roomIncidentIds: ReadonlySet<string>,
    cause: Cause,
    actor: Actor,
  ): Promise<RoomOutcome> {
    const context = await delivery.currentContext(attemptId);
    const { part, clock } = currentClock(context);
    if (clock.status === 'not-started') return 'waiting';
    if (clock.status !== (pause ? 'running' : 'paused')) return 'unchanged';
    if (!pause) {
      const ledger = await delivery.ledger.forAttempt(attemptId);
      const pausedBy = ledger.findLast((e) => e.part === part && e.kind === 'pause')?.incidentId;
      if (pausedBy && !roomIncidentIds.has(pausedBy)) return 'kept';
    }
    await record(context, pause, cause, actor);
    return 'changed';
  }

  return { attemptOf, currentClock, setPaused, applyToRoom };
}
