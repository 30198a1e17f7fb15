import type { PartClock } from '@exam/shared/protocol';
import type { Database } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { SittingsService } from '../sittings/index.js';
import { toClockEvents, type AttemptContext } from './attempt-context.js';
import { createStartWriter } from './start-writer.js';

type PartNumber = 1 | 2;

/**
 * `part.start`: the checks a start always made (admitted now, read fresh, not started yet, Part One closed
 * before Part Two), then the start itself through the start writer's group commit, which also
 * refuses it while the proctor has paused the whole room. The
 * writer's batch reads the part back after its commit, so the context is refreshed without a
 * second read; the candidate's screens hear the new clock as after any clock change.
 */
export function createPartStart(deps: {
  database: Pick<Database, 'db'>;
  clock: Clock;
  audit: Pick<AuditService, 'appendMany'>;
  sittings: Pick<SittingsService, 'admittedNow' | 'roomPausesAmong'>;
  clockOf(context: AttemptContext, part: PartNumber): PartClock;
  changed(attemptId: string, change: { kind: 'clock'; clock: PartClock; reason: string }): void;
}) {
  const writer = createStartWriter(deps);
  const { clockOf } = deps;
  return async function startPart(
    context: AttemptContext,
    part: PartNumber,
    actorId: string,
  ): Promise<PartClock> {
    if (!(await deps.sittings.admittedNow(context.enrolmentId)))
      throw new AppError('NOT_ADMITTED', 'A proctor has not admitted you yet.', 409);
    const current = clockOf(context, part);
    if (current.status !== 'not-started') return current;
    if (part === 2) {
      if (!context.parts.get(1)?.row.closedAt)
        throw new AppError('PART_ONE_OPEN', 'Submit Part One before starting Part Two.', 409);
      if (context.partTwoProblem)
        throw new AppError('PART_TWO_UNAVAILABLE', context.partTwoProblem, 409);
    }
    const reason = 'candidate started';
    const { attemptId, sittingId } = context;
    const outcome = await writer.write({ attemptId, sittingId, part, actorId, reason });
    if (outcome.kind === 'closed')
      throw new AppError('PART_CLOSED', `Part ${part} is closed.`, 409);
    if (outcome.kind === 'room-paused')
      throw new AppError(
        'ROOM_PAUSED',
        `The proctor has paused the room. You can start Part ${part === 1 ? 'One' : 'Two'} once the proctor resumes it.`,
        409,
      );
    context.parts.set(part, {
      row: outcome.row,
      events: toClockEvents(outcome.ledger),
      lastReason: outcome.ledger.at(-1)?.reason ?? null,
    });
    const clock = clockOf(context, part);
    deps.changed(context.attemptId, { kind: 'clock', clock, reason });
    return clock;
  };
}
