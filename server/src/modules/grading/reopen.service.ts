import type { CurrentUser, ReopenReadingRequest } from '@exam/shared/api';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import * as itemsRepo from './items.repo.js';

export type ReopenService = ReturnType<typeof createReopenService>;

/**
 * A submitted reading is final unless a coordinator reopens it, with a reason, before results
 * are released. The scores stay as a draft for the grader to change. Reopening a first reading
 * also withdraws any third reading (it judged the readings as they were) and the final score;
 * reopening the third reading withdraws the final score only.
 */
export function createReopenService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  sittings: Pick<SittingResultsAccess, 'getSitting'>;
}) {
  return {
    /** Another association's response answers NOT_FOUND, as a code that names nothing does. */
    async reopen(
      scope: Scope,
      actor: CurrentUser,
      code: string,
      input: ReopenReadingRequest,
    ): Promise<void> {
      await withinScope(deps.db, scope, async (tx) => {
        const found = await itemsRepo.findItemByCode(tx, scope, code);
        const item = found ? await itemsRepo.lockItem(tx, found.id) : undefined;
        if (!item) throw new AppError('NOT_FOUND', 'No response with that code.', 404);
        const sitting = await deps.sittings.getSitting(tx, item.sittingId);
        if (sitting?.status === 'released')
          throw new AppError('ALREADY_RELEASED', 'Results are released; readings are fixed.', 409);
        const readings = await itemsRepo.assignmentsOf(tx, [item.id]);
        const reading = readings.find((r) => r.graderId === input.graderId);
        if (!reading || reading.status !== 'submitted')
          throw new AppError('NOT_SUBMITTED', 'That grader has no submitted reading here.', 409);
        await itemsRepo.reopenReading(tx, reading.id, deps.clock.now());
        let withdrawn: string | null = null;
        if (reading.role === 'reader') {
          const third = readings.find((r) => r.role === 'adjudicator');
          if (third) {
            await itemsRepo.deleteReading(tx, third.id);
            withdrawn = third.graderId;
          }
        }
        await itemsRepo.reopenItem(
          tx,
          item.id,
          reading.role === 'reader' ? 'reading' : 'adjudicating',
        );
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.reading_reopened',
          subjectType: 'grading_item',
          subjectId: item.code,
          details: {
            graderId: input.graderId,
            role: reading.role,
            reason: input.reason,
            previousFinal: item.final,
            withdrawnThirdReader: withdrawn,
          },
        });
      });
    },
  };
}
