import type { Db } from '../../db/client.js';
import type { UsersService } from '../auth/index.js';
import type { MailOutbox } from '../mail/index.js';
import type { AppealRow } from './appeals.repo.js';

export interface AppealNotifierDeps {
  db: Db;
  users: Pick<UsersService, 'mailContactsOf'>;
  outbox: Pick<MailOutbox, 'enqueue'>;
  publicOrigin?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * Tells the candidate their appeal was decided or declined, after the decision committed (the
 * service calls it then). The mail carries no outcome: the results page shows it. The key (appeal
 * and state) keeps a repeated call to one mail; a crash between commit and enqueue loses the mail
 * but not the decision, which the candidate's results page always shows.
 */
export function createAppealNotifier(deps: AppealNotifierDeps) {
  async function send(
    appeal: Pick<AppealRow, 'id' | 'candidateId' | 'status' | 'associationId'>,
  ): Promise<void> {
    if (appeal.status !== 'decided' && appeal.status !== 'declined') return;
    const [person] = await deps.users.mailContactsOf(deps.db, [appeal.candidateId]);
    if (!person) return;
    await deps.outbox.enqueue({
      to: person.email,
      recipientName: person.displayName,
      associationId: appeal.associationId,
      ...(person.timeZone ? { timeZone: person.timeZone } : {}),
      template: {
        kind: 'appeal-outcome',
        status: appeal.status,
        signInLink: `${deps.publicOrigin ?? ''}/`,
      },
      dedupeKey: `appeal-outcome:${appeal.id}:${appeal.status}`,
    });
  }
  return {
    send,
    /** The service's hook: fire and forget, logged on failure. */
    notify(appeal: Pick<AppealRow, 'id' | 'candidateId' | 'status' | 'associationId'>): void {
      void send(appeal).catch((error: unknown) =>
        deps.log?.('appeal outcome mail failed', {
          appealId: appeal.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    },
  };
}

/** Without an outbox (tests building the module alone): nothing to send. */
export function notifyAppealOutcome(
  appeal: Pick<AppealRow, 'id' | 'candidateId' | 'status'>,
): void {
  void appeal;
}
