import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { examResults } from '../../db/schema/results.js';
import { sittingInScope } from '../../db/scope-filters.js';

/** Every released result the scope reaches (a row exists only once a result is released). */
export function releasedResultsForProgramme(db: DbOrTx, scope: Scope) {
  return db
    .select({
      sittingId: examResults.sittingId,
      candidateId: examResults.candidateId,
      passed: examResults.passed,
      result: examResults.result,
    })
    .from(examResults)
    .where(sittingInScope(scope, examResults.sittingId));
}
