import { eq } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { gradingIntake, gradingItems } from '../../db/schema/grading.js';
import { sittingInScope } from '../../db/scope-filters.js';

/**
 * Every response taken in for grading that the scope reaches: its status, when its Part Two was
 * taken in (the part's close) and when its final score was set.
 */
export function gradingItemsForProgramme(db: DbOrTx, scope: Scope) {
  return db
    .select({
      sittingId: gradingItems.sittingId,
      status: gradingItems.status,
      takenAt: gradingIntake.takenAt,
      finalizedAt: gradingItems.finalizedAt,
    })
    .from(gradingItems)
    .leftJoin(gradingIntake, eq(gradingIntake.attemptId, gradingItems.attemptId))
    .where(sittingInScope(scope, gradingItems.sittingId));
}
