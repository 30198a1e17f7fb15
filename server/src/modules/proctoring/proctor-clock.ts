import type { CurrentUser } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AttemptContext, DeliveryService } from '../delivery/index.js';
import type { RosterEntry } from '../sittings/index.js';
import { currentPartOf } from './candidate-view.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;

/** A candidate's attempt and running clock as a proctor's action finds them, through delivery. */
export function createProctorClock(deps: {
  delivery: Pick<
    DeliveryService,
    'monitor' | 'loadContext' | 'clockOf' | 'recordClockEvent' | 'ledger'
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

  /** Pauses or resumes one candidate's running part; false when there was nothing to change. */
  async function setPaused(
    entry: RosterEntry,
    pause: boolean,
    cause: { reason: string; incidentId: string },
    actor: Actor,
  ): Promise<boolean> {
    const ids = await delivery.monitor.attemptsByEnrolment([entry.enrolmentId]);
    const attemptId = ids.get(entry.enrolmentId);
    if (!attemptId) return false;
    const context = await delivery.loadContext(attemptId);
    const { part, clock } = currentClock(context);
    if (clock.status !== (pause ? 'running' : 'paused')) return false;
    // Behind the actor's row-level security: PostgreSQL refuses another association's attempt.
    await delivery.recordClockEvent(context, part, {
      type: pause ? 'pause' : 'resume',
      ...cause,
      actorId: actor.id,
      scope: scopeOf(actor),
    });
    return true;
  }

  /**
   * The room's resume for one candidate. It lifts a pause a room-wide incident caused (or one
   * naming no incident); a candidate paused for their own incident (taken ill, say) stays
   * paused, `kept`, until the proctor resumes them from their row: resuming the room had
   * restarted their clock while they were still away.
   */
  async function resumeFromRoom(
    entry: RosterEntry,
    roomIncidentIds: ReadonlySet<string>,
    cause: { reason: string; incidentId: string },
    actor: Actor,
  ): Promise<'changed' | 'kept' | 'unchanged'> {
    const attemptId = (await delivery.monitor.attemptsByEnrolment([entry.enrolmentId])).get(
      entry.enrolmentId,
    );
    if (!attemptId) return 'unchanged';
    const { part, clock } = currentClock(await delivery.loadContext(attemptId));
    if (clock.status !== 'paused') return 'unchanged';
    const ledger = await delivery.ledger.forAttempt(attemptId);
    const pausedBy = ledger.findLast((e) => e.part === part && e.kind === 'pause')?.incidentId;
    if (pausedBy && !roomIncidentIds.has(pausedBy)) return 'kept';
    return (await setPaused(entry, false, cause, actor)) ? 'changed' : 'unchanged';
  }

  return { attemptOf, currentClock, setPaused, resumeFromRoom };
}
