import type { AnswerSave, PartClock } from '@exam/shared/protocol';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AnswerWriter } from './answer-writer.js';
import type { AttemptContext } from './attempt-context.js';
import type { AttemptLoader } from './attempt-loader.js';
import * as deliveryRepo from './delivery.repo.js';
import type { LateChanges, LateResult } from './late-changes.service.js';

/**
 * Part One's save, decided on the attempt's cached copy. With several instances another one
 * may have moved the clock since the copy was read, so every decision by the clock is checked
 * against the stored version: a save that would be stored carries its version into the
 * writer's statement, and a refusal or a hold first reads the version. A copy found stale is
 * reread and the save decided again, so an instance never acts on a deadline another moved.
 */
export function createPartOneSave(deps: {
  db: Db;
  clock: Clock;
  graceMs: number;
  writer: AnswerWriter;
  loader: Pick<AttemptLoader, 'refreshParts'>;
  lateChanges: Pick<LateChanges, 'holdAnswer'>;
  clockOf(context: AttemptContext, part: 1 | 2): PartClock;
  isLate(clock: PartClock): boolean;
  /** A change was stored (the dashboards' progress). */
  onStored(attemptId: string): void;
}) {
  const { loader, lateChanges, clockOf, isLate } = deps;

  /** Whether another instance moved this part since this copy was read (attempt_parts.version). */
  async function stale(context: AttemptContext, part: 1 | 2): Promise<boolean> {
    const stored = await deliveryRepo.partVersion(deps.db, context.attemptId, part);
    return stored !== context.parts.get(part)?.row.version;
  }

  async function save(
    context: AttemptContext,
    message: AnswerSave,
    reread = false,
  ): Promise<LateResult> {
    const clock = clockOf(context, 1);
    if (message.position > context.items.length) {
      return {
        ok: false,
        code: 'UNKNOWN_QUESTION',
        message: 'That question is not on your form.',
      };
    }
    const now = deps.clock.now().getTime();
    const takes =
      clock.status === 'running' &&
      (clock.deadline === null || now <= clock.deadline + deps.graceMs);
    if (!takes && !reread && (await stale(context, 1))) {
      await loader.refreshParts(context);
      return save(context, message, true);
    }
    if (clock.status === 'not-started')
      return { ok: false, code: 'PART_NOT_STARTED', message: 'Part One has not started.' };
    if (clock.status === 'paused') {
      return {
        ok: false,
        code: 'PART_PAUSED',
        message: 'The exam is paused; your change will be saved when it resumes.',
      };
    }
    if (!takes) {
      // Made before 0:00 (the client stops taking changes then) but not here in time.
      if (isLate(clock)) return lateChanges.holdAnswer(context, message);
      return {
        ok: false,
        code: 'PART_CLOSED',
        message: 'Part One is closed; this change was not saved.',
      };
    }
    const version = context.parts.get(1)?.row.version ?? 0;
    const outcome = await deps.writer.write({ attemptId: context.attemptId, ...message, version });
    switch (outcome) {
      case 'stored':
        deps.onStored(context.attemptId);
        return { ok: true };
      case 'duplicate':
        return { ok: true };
      case 'conflict':
        return {
          ok: false,
          code: 'SEQ_REUSED',
          message: 'That sequence number was already used for a different change.',
        };
      case 'closed':
        await loader.refreshParts(context);
        // The part moved under this copy (a pause, a changed deadline): decide again on it.
        if (!reread) return save(context, message, true);
        if (isLate(clockOf(context, 1))) return lateChanges.holdAnswer(context, message);
        return {
          ok: false,
          code: 'PART_CLOSED',
          message: 'Part One is closed; this change was not saved.',
        };
    }
  }

  return save;
}
