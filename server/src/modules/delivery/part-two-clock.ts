import type { PartClock } from '@exam/shared/protocol';
import type { Clock } from '../../lib/clock.js';
import type { AttemptContext } from './attempt-context.js';
import type { LateResult } from './late-changes.service.js';

/** Refusals decided by the clock: confirmed against the stored version before they are sent. */
const clockRefusals = new Set([
  'PART_NOT_STARTED',
  'PART_PAUSED',
  'DEADLINE_PASSED',
  'PART_CLOSED',
]);

/** How Part Two reads its clock from the attempt's cached copy, and checks that copy. */
export interface PartTwoClock {
  clockOf(context: AttemptContext): PartClock;
  /** Rereads the parts if another instance moved Part Two since; true when it did. */
  reread(context: AttemptContext): Promise<boolean>;
  /** Rereads the parts unconditionally (a write found the part moved). */
  refresh(context: AttemptContext): Promise<void>;
}

/**
 * Part Two's refusals by the clock: decided on the attempt's cached copy, and a refusal is sent
 * only once the copy is found current (attempt_parts.version) or has been reread.
 */
export function createPartTwoClockCheck(deps: {
  clock: Clock;
  graceMs: number;
  parts: PartTwoClock;
}) {
  function refuseUnlessOpen(clock: PartClock, now: number): LateResult | undefined {
    if (clock.status === 'not-started')
      return { ok: false, code: 'PART_NOT_STARTED', message: 'Part Two has not started.' };
    if (clock.status === 'paused') {
      return {
        ok: false,
        code: 'PART_PAUSED',
        message: 'The exam is paused; your text is kept and will be saved when it resumes.',
      };
    }
    if (clock.status === 'expired')
      return {
        ok: false,
        code: 'DEADLINE_PASSED',
        message: 'Time is up for Part Two; this change was not saved.',
      };
    if (clock.status !== 'running')
      return {
        ok: false,
        code: 'PART_CLOSED',
        message: 'Part Two is closed; this change was not saved.',
      };
    if (clock.deadline !== null && now > clock.deadline + deps.graceMs) {
      return {
        ok: false,
        code: 'DEADLINE_PASSED',
        message: 'Time is up for Part Two; this change was not saved.',
      };
    }
    return undefined;
  }

  /** The clock's refusal, if any, confirmed on a fresh copy when the cached one was stale. */
  async function refusal(context: AttemptContext): Promise<LateResult | undefined> {
    const closed = refuseUnlessOpen(deps.parts.clockOf(context), deps.clock.now().getTime());
    if (!closed || closed.ok || !clockRefusals.has(closed.code)) return closed;
    if (!(await deps.parts.reread(context))) return closed;
    return refuseUnlessOpen(deps.parts.clockOf(context), deps.clock.now().getTime());
  }

  return { refusal };
}
