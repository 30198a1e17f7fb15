import type { BankItemDetail } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as bankRepo from './bank.repo.js';
import { presentItem } from './bank.presenters.js';
import type { Actor } from './items.service.js';

/**
 * The review mark: an item someone doubts (item analysis flagged it, a candidate appealed) is
 * marked with a note; the mark stays until a reviewer records what they found. Marking changes
 * nothing a candidate sees: retiring or revising the item are separate, deliberate steps.
 */
export function createReviewService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}) {
  return {
    async markForReview(actor: Actor, id: string, note: string): Promise<BankItemDetail> {
      const at = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const item = await bankRepo.lockItem(tx, id);
        if (!item) throw new AppError('NOT_FOUND', 'No such item.', 404);
        if (item.reviewRequestedAt) {
          throw new AppError(
            'REVIEW_PENDING',
            'This item is already marked for review; record the outcome of that review first.',
            409,
          );
        }
        await bankRepo.setReviewMark(tx, id, { at, by: actor.id, note });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.item.review_requested',
          subjectType: 'bank_item',
          subjectId: id,
          details: { note, status: item.status },
        });
        const updated = await bankRepo.findItem(tx, id);
        return presentItem(updated!, await bankRepo.versionsOf(tx, id));
      });
    },

    /** Records the review's outcome and clears the mark; the outcome lives in the audit log. */
    async clearReview(actor: Actor, id: string, outcome: string): Promise<BankItemDetail> {
      return deps.db.transaction(async (tx) => {
        const item = await bankRepo.lockItem(tx, id);
        if (!item) throw new AppError('NOT_FOUND', 'No such item.', 404);
        if (!item.reviewRequestedAt) {
          throw new AppError('NO_REVIEW_PENDING', 'This item is not marked for review.', 409);
        }
        await bankRepo.setReviewMark(tx, id, null);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'bank.item.reviewed',
          subjectType: 'bank_item',
          subjectId: id,
          details: {
            outcome,
            requestedAt: item.reviewRequestedAt.toISOString(),
            requestedBy: item.reviewRequestedBy,
            note: item.reviewNote,
            status: item.status,
          },
        });
        const updated = await bankRepo.findItem(tx, id);
        return presentItem(updated!, await bankRepo.versionsOf(tx, id));
      });
    },
  };
}
