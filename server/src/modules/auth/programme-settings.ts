import type { CurrentUser } from '@exam/shared/api';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AuditService } from '../audit/index.js';
import { DEFAULT_PROGRAMME_ID } from '../../db/schema/associations.js';
import * as repo from './programme-settings.repo.js';

export type ProgrammeSettings = ReturnType<typeof createProgrammeSettings>;

/**
 * The programme's own settings that other modules follow, and who belongs to which association
 * (auth owns both tables): grading asks them so that a response is never routed to a grader of
 * the candidate's own association while the programme's rule says so.
 */
export function createProgrammeSettings(deps: { db: Db; audit: Pick<AuditService, 'append'> }) {
  const { db } = deps;
  return {
    excludeOwnAssociationGraders(tx: DbOrTx = db): Promise<boolean> {
      return repo.excludeOwnAssociationGraders(tx);
    },

    /**
     * An administrator's change of the rule, audited with its old and new value. `alongside`
     * runs in the same transaction (grading withdraws the readings the rule now forbids).
     */
    async setExcludeOwnAssociationGraders(
      actor: Pick<CurrentUser, 'id'>,
      exclude: boolean,
      alongside?: (tx: DbOrTx) => Promise<void>,
    ): Promise<boolean> {
      await db.transaction(async (tx) => {
        const before = await repo.excludeOwnAssociationGraders(tx);
        if (!(await repo.setExcludeOwnAssociationGraders(tx, exclude)))
          throw new AppError('NOT_FOUND', 'No programme to set the rule on.', 404);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'programme.grading_rule_set',
          subjectType: 'programme',
          subjectId: DEFAULT_PROGRAMME_ID,
          details: { excludeOwnAssociationGraders: { from: before, to: exclude } },
        });
        await alongside?.(tx);
      });
      return exclude;
    },

    /** Each user's associations, in any role: a grader's own associations for routing. */
    associationsOf(userIds: readonly string[], tx: DbOrTx = db) {
      return repo.associationsOfUsers(tx, userIds);
    },
  };
}
