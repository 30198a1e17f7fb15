import type { ResponseHistory } from '@exam/shared/api';
import { renderEssayHtml, validateEssayDocument } from '@exam/shared/editor';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { isWithinScope } from '../../db/scope-filters.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as partTwoRepo from './part-two.repo.js';
import * as historyRepo from './response-history.repo.js';

/** Stored documents were validated on the way in; render defensively all the same. */
function safeHtml(doc: unknown): string {
  const checked = validateEssayDocument(doc);
  return checked.ok
    ? renderEssayHtml(checked.doc)
    : '<p>(This version could not be displayed.)</p>';
}

export type ResponseHistoryService = ReturnType<typeof createResponseHistory>;

/** How a Part Two response grew, and restoring an earlier version after an incident (audited). */
export function createResponseHistory(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  onRestored(attemptId: string): void;
}) {
  /** Another association's attempt answers exactly like a missing one, before anything else. */
  async function assertWithin(db: DbOrTx, scope: Scope, attemptId: string): Promise<void> {
    if (!(await isWithinScope(db, scope, 'attempt', attemptId)))
      throw new AppError('NOT_FOUND', 'No such attempt.', 404);
  }

  async function historyIn(
    db: DbOrTx,
    attemptId: string,
    vignette: number,
  ): Promise<ResponseHistory> {
    const current = (await partTwoRepo.loadCurrentResponses(db, attemptId)).find(
      (r) => r.vignette === vignette,
    );
    const snapshots = await partTwoRepo.loadSnapshots(db, attemptId, vignette);
    return {
      attemptId,
      vignette,
      current: current
        ? { revision: current.revision, words: current.words, html: safeHtml(current.doc) }
        : null,
      snapshots: snapshots.map((s) => ({
        id: s.id,
        revision: s.revision,
        words: s.words,
        at: s.at.toISOString(),
        reason: s.reason,
        html: safeHtml(s.doc),
      })),
    };
  }

  return {
    /** A response's versions, read behind the scope's row-level security. */
    history(scope: Scope, attemptId: string, vignette: number): Promise<ResponseHistory> {
      return withinScope(deps.db, scope, async (tx) => {
        await assertWithin(tx, scope, attemptId);
        return historyIn(tx, attemptId, vignette);
      });
    },

    /** Makes an earlier version the current one, as a new, higher revision. */
    async restore(
      scope: Scope,
      input: {
        attemptId: string;
        vignette: number;
        snapshotId: number;
        reason: string;
        actorId: string;
      },
    ) {
      const at = deps.clock.now();
      await assertWithin(deps.db, scope, input.attemptId);
      await withinScope(deps.db, scope, async (tx) => {
        const snapshot = await historyRepo.findSnapshot(
          tx,
          input.attemptId,
          input.vignette,
          input.snapshotId,
        );
        if (!snapshot) throw new AppError('NOT_FOUND', 'No such version of this response.', 404);
        // Patches acknowledged since the stored draft go into it first, and any left over are
        // dropped: the restored version is numbered above all of them and replaces them.
        await partTwoRepo.foldPatches(tx, input.attemptId, at);
        const top = await historyRepo.currentRevision(tx, input.attemptId, input.vignette);
        const dropped = await partTwoRepo.dropPatches(tx, input.attemptId, input.vignette);
        const revision = Math.max(top, dropped) + 1;
        await historyRepo.storeRestored(tx, snapshot, revision, input.actorId, at);
        await deps.audit.append(tx, {
          actorId: input.actorId,
          action: 'response.restore',
          subjectType: 'attempt',
          subjectId: input.attemptId,
          details: {
            vignette: input.vignette,
            fromSnapshot: input.snapshotId,
            fromRevision: snapshot.revision,
            revision,
            reason: input.reason,
          },
        });
      });
      deps.onRestored(input.attemptId);
      return historyIn(deps.db, input.attemptId, input.vignette);
    },
  };
}
