import type { Db, DbOrTx } from '../../db/client.js';
import type { UsersService } from '../auth/index.js';
import type { MailOutbox } from '../mail/index.js';
import type { AppealRow } from './appeals.repo.js';

export interface AppealNotifierDeps {
  db: Db;
  users: Pick<UsersService, 'mailContactsOf'>;
  outbox: Pick<MailOutbox, 'enqueue'>;
  publicOrigin?: string;
}

type Notified = Pick<AppealRow, 'id' | 'candidateId' | 'status' | 'associationId'>;

/**
 * Tells the candidate their appeal was decided or declined. The service calls it inside the
 * transaction that records the decision, so the mail is queued exactly when the decision commits:
 * a rolled-back decision leaves no mail, a committed one always has its mail. The mail carries no
 * outcome (the results page shows it); the key (appeal and state) keeps a repeated call to one.
 */
export function createAppealNotifier(deps: AppealNotifierDeps) {
  async function send(appeal: Notified, tx: DbOrTx = deps.db): Promise<void> {
    if (appeal.status !== 'decided' && appeal.status !== 'declined') return;
    const [person] = await deps.users.mailContactsOf(tx, [appeal.candidateId]);
    if (!person) return;
    await deps.outbox.enqueue(
      {
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
      },
      tx,
    );
  }
  return {
    send,
    /** The service's hook, run inside the deciding transaction. */
    notify: (tx: DbOrTx, appeal: Notified): Promise<void> => send(appeal, tx),
  };
}

/** Without an outbox (tests building the module alone): nothing to send. */
export async function notifyAppealOutcome(_tx: DbOrTx, appeal: Notified): Promise<void> {
  void appeal;
}
