import type { CurrentUser } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AttemptContext, DeliveryService } from '../delivery/index.js';
import type { RosterEntry } from '../sittings/index.js';
import { currentPartOf } from './candidate-view.js';
import type { Cause } from './incident-ledger.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;

/**
 * What the room's pause or resume did to one candidate: `changed` their clock, `kept` them
 * paused for their own incident, `waiting` (a part not started: their screen must hear of the
 * room) or `unchanged`.
 */
export type RoomOutcome = 'changed' | 'kept' | 'waiting' | 'unchanged';

/** Refusals the part's lock gives when the clock is not as the cached copy said. */
function refusedMeanwhile(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'PART_CLOSED');
}

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

  /**
   * Runs an action decided on the cached copy of the candidate's clock. When the part's lock
   * found it otherwise (changed or closed on another instance since this one last heard), the
   * copy is reread before the refusal goes back, so the proctor's next try decides on the
   * truth.
   */
  async function acting<T>(context: AttemptContext, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (refusedMeanwhile(error)) await delivery.currentContext(context.attemptId);
      throw error;
    }
  }

  /**
   * The room's pause or resume for one candidate's attempt, read now (currentContext): the
   * room's paused state is committed before this runs, so a start that committed before it is
   * seen here and paused, and a later one was refused. A resume lifts a pause a room-wide
   * incident caused (or one naming no incident); a candidate paused for their own incident
   * (taken ill, say) stays paused, `kept`, until the proctor resumes them from their row:
   * resuming the room had restarted their clock while they were still away. A clock changed or
   * closed between the read and the write (a submission, the sweeper) is left `unchanged`: one
   * candidate's race must not stop the room's action for the others.
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
    const expect = pause ? 'running' : 'paused';
    if (clock.status !== expect) return 'unchanged';
    if (!pause) {
      const ledger = await delivery.ledger.forAttempt(attemptId);
      const pausedBy = ledger.findLast((e) => e.part === part && e.kind === 'pause')?.incidentId;
      if (pausedBy && !roomIncidentIds.has(pausedBy)) return 'kept';
    }
    try {
      // Behind the actor's row-level security: PostgreSQL refuses another association's attempt.
      await delivery.recordClockEvent(context, part, {
        type: pause ? 'pause' : 'resume',
        ...cause,
        actorId: actor.id,
        expect,
        scope: scopeOf(actor),
      });
    } catch (error) {
      if (refusedMeanwhile(error)) return 'unchanged';
      throw error;
    }
    return 'changed';
  }

  return { attemptOf, currentClock, acting, applyToRoom };
}
