import type { AttemptChange } from './delivery.service.js';

/**
 * What a candidate's screen is told of a change to their clock or part: what happened, never the
 * proctor's own words. A pause's or an ending's reason may name a suspicion or another
 * candidate, and a room-wide one would reach every candidate; it stays in the audit log and on
 * the proctors' screens.
 */
export function candidateReason(change: Exclude<AttemptChange, { kind: 'refresh' }>): string {
  if (change.kind === 'closed') {
    if (change.status === 'submitted') return 'submitted';
    return change.status === 'expired' ? 'time is up' : 'ended by the proctor';
  }
  if (change.reason === 'started') return 'started';
  return change.clock.status === 'paused' ? 'paused by the proctor' : 'the clock was changed';
}
