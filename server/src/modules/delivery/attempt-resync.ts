import type { PartClock } from '@exam/shared/protocol';
import type { AttemptContext } from './attempt-context.js';
import type { AttemptLoader } from './attempt-loader.js';
import type { AttemptChange } from './delivery.service.js';

/** Records that the candidate's screen now knows every part as this copy holds it. */
export function markHeard(context: AttemptContext): void {
  context.heard = new Map([...context.parts].map(([part, state]) => [part, state.row.version]));
}

/**
 * After another instance announced a change to an attempt: rereads the cached copy (if this
 * instance holds one, so no clock decision here uses the old one) and returns what its screen
 * must be told, as the writer's own instance told its screen: a closing, a clock, or (when no
 * clock moved: an admission, a restored answer) a fresh welcome.
 */
export function createAttemptResync(deps: {
  loader: Pick<AttemptLoader, 'cached' | 'refreshParts'>;
  clockOf(context: AttemptContext, part: 1 | 2): PartClock;
}) {
  const { loader, clockOf } = deps;

  /**
   * `afterGap`: events may have been missed (the bus reconnected), not announced. Then only a
   * moved clock or a closing is told: a fresh welcome would restart Part Two's patches from it
   * for nothing.
   */
  async function resync(attemptId: string, afterGap = false): Promise<AttemptChange[]> {
    const context = loader.cached(attemptId);
    if (!context) return [];
    const heard =
      context.heard ??
      new Map([...context.parts].map(([part, state]) => [part, state.row.version]));
    await loader.refreshParts(context);
    markHeard(context);
    const told: AttemptChange[] = [];
    for (const part of [1, 2] as const) {
      const state = context.parts.get(part);
      if (!state || state.row.version === heard.get(part)) continue;
      const reason = state.lastReason ?? 'the clock was changed';
      if (state.row.closedStatus) {
        const status = state.row.closedStatus as 'submitted' | 'expired' | 'ended';
        told.push({ kind: 'closed', part, status, reason: state.row.closedReason ?? reason });
      } else {
        told.push({ kind: 'clock', clock: clockOf(context, part), reason });
      }
    }
    // Nothing on the clock moved: something the welcome shows did (admission, a restore).
    const partOneClosed = told.some((c) => c.kind === 'closed' && c.part === 1);
    if ((told.length === 0 && !afterGap) || partOneClosed) {
      told.push({ kind: 'refresh', reason: 'updated' });
    }
    return told;
  }

  return resync;
}
