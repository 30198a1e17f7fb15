import type {
  BankComment,
  CreateBankCommentRequest,
  CurrentUser,
  UpdateBankCommentRequest,
} from '@exam/shared/api';
import { bankCommentSchema } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as repo from './comment-bank.repo.js';
import type { BankCommentRow } from './comment-bank.repo.js';

export type CommentBankService = ReturnType<typeof createCommentBankService>;

/** The row as the API shows it: who wrote or changed it stays on the server (and the audit). */
function present(row: BankCommentRow): BankComment {
  return bankCommentSchema.parse({
    id: row.id,
    domain: row.domain,
    level: row.level,
    text: row.text,
    active: row.active,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/**
 * The bank of reusable feedback comments: graders read the active ones (to insert into a
 * criterion's evidence and adapt there; what they submit is their own text), curators add,
 * reword and retire them. Every change is audited in its transaction.
 */
export function createCommentBankService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
}) {
  const { db } = deps;
  return {
    async offered(): Promise<BankComment[]> {
      return (await repo.listComments(db, true)).map(present);
    },

    async all(): Promise<BankComment[]> {
      return (await repo.listComments(db, false)).map(present);
    },

    async create(actor: CurrentUser, input: CreateBankCommentRequest): Promise<BankComment> {
      const at = deps.clock.now();
      return db.transaction(async (tx) => {
        const row = await repo.insertComment(tx, {
          domain: input.domain,
          level: input.level,
          text: input.text,
          createdAt: at,
          createdBy: actor.id,
          updatedAt: at,
          updatedBy: actor.id,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.bank_comment_created',
          subjectType: 'grading_bank_comment',
          subjectId: row.id,
          details: { domain: input.domain, level: input.level, text: input.text },
        });
        return present(row);
      });
    },

    async update(
      actor: CurrentUser,
      id: string,
      input: UpdateBankCommentRequest,
    ): Promise<BankComment> {
      return db.transaction(async (tx) => {
        const before = await repo.lockComment(tx, id);
        if (!before) throw new AppError('NOT_FOUND', 'No comment with that id.', 404);
        const row = await repo.updateComment(tx, id, {
          text: input.text,
          active: input.active,
          updatedAt: deps.clock.now(),
          updatedBy: actor.id,
        });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'grading.bank_comment_updated',
          subjectType: 'grading_bank_comment',
          subjectId: id,
          details: {
            before: { text: before.text, active: before.active },
            after: { text: input.text, active: input.active },
          },
        });
        return present(row);
      });
    },
  };
}
