import type { CurrentUser } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AttemptContext, DeliveryService } from '../delivery/index.js';
import type { RosterEntry } from '../sittings/index.js';
import { currentPartOf } from './candidate-view.js';

type Actor = Pick<CurrentUser, 'id' | 'roles' | 'association'>;

/** A candidate's attempt and running clock as a proctor's action finds them, through delivery. */
export function createProctorClock(deps: {
  delivery: Pick<DeliveryService, 'monitor' | 'loadContext' | 'clockOf' | 'recordClockEvent'>;
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

  return { attemptOf, currentClock, setPaused };
}
