import type { CurrentUser, MailDetail, MailListResponse, MailSummary } from '@exam/shared/api';
import { mailStatuses } from '@exam/shared/api';
import { withinScope, type Scope } from '../../db/association-scope.js';
import type { Db } from '../../db/client.js';
import type { MailStatus } from '../../db/schema/mail.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as repo from './mail.repo.js';

export interface MailAdminDeps {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: 'smtp' | 'catcher';
  mailFrom: string;
  /** Wakes the worker after a resend, so it goes out now. */
  wake: () => void;
}

export type MailAdmin = ReturnType<typeof createMailAdmin>;

function summary(row: repo.MailRow): MailSummary {
  return {
    id: row.id,
    kind: row.kind,
    to: row.toAddress,
    recipientName: row.recipientName,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    transport: row.transport,
  };
}

/**
 * The Mail page: an administrator sees every message, a coordinator their association's (the
 * scope, and row-level security behind it); the programme's own mail has no association and
 * so only administrators see it. Resend and mark-sent are decisions on an uncertain or failed
 * message, audited.
 */
export function createMailAdmin(deps: MailAdminDeps) {
  return {
    async list(scope: Scope, status: MailStatus | undefined): Promise<MailListResponse> {
      return withinScope(deps.db, scope, async (tx) => {
        const rows = await repo.listMessages(tx, scope, {
          limit: 200,
          ...(status ? { status } : {}),
        });
        const counted = await repo.countByStatus(tx, scope);
        const counts = Object.fromEntries(
          mailStatuses.map((s) => [s, 0]),
        ) as MailListResponse['counts'];
        for (const { status: s, count } of counted) counts[s] = count;
        return { messages: rows.map(summary), counts, delivery: deps.delivery };
      });
    },

    async get(scope: Scope, id: string): Promise<MailDetail> {
      return withinScope(deps.db, scope, async (tx) => {
        const row = await repo.findMessage(tx, scope, id);
        if (!row) throw new AppError('NOT_FOUND', 'No such message.', 404);
        return {
          ...summary(row),
          from: row.fromAddress ?? deps.mailFrom,
          html: row.htmlBody,
          text: row.textBody,
          attachments: row.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            size: Buffer.byteLength(a.content),
          })),
        };
      });
    },

    /**
     * Resend: back in the queue with fresh attempts (the same Message-ID, so a recipient's mail
     * system may fold a duplicate). Mark sent: the administrator knows it arrived.
     */
    async resolve(
      actor: Pick<CurrentUser, 'id'>,
      scope: Scope,
      id: string,
      action: 'resend' | 'mark-sent',
    ): Promise<MailSummary> {
      const resolved = await withinScope(deps.db, scope, async (tx) => {
        const row = await repo.findMessage(tx, scope, id);
        if (!row) throw new AppError('NOT_FOUND', 'No such message.', 404);
        if (row.status !== 'uncertain' && row.status !== 'failed') {
          throw new AppError('CONFLICT', `A ${row.status} message needs no decision.`, 409);
        }
        const now = deps.clock.now();
        await repo.resolveMessage(tx, id, { status: action === 'resend' ? 'queued' : 'sent', now });
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: action === 'resend' ? 'mail.resend' : 'mail.mark_sent',
          subjectType: 'mail',
          subjectId: id,
          details: { was: row.status, to: row.toAddress, kind: row.kind, lastError: row.lastError },
        });
        const after = await repo.findMessage(tx, scope, id);
        return summary(after ?? row);
      });
      if (action === 'resend') deps.wake();
      return resolved;
    },
  };
}
