import type { DbOrTx } from '../../db/client.js';
import type { AccountMail, MailOutbox } from '../mail/index.js';
import * as authRepo from './auth.repo.js';

export type AccountOutbox = Pick<MailOutbox, 'enqueue'>;

/**
 * Queues an account mail to a user, in the caller's transaction when given one (the mail exists
 * iff the change committed), branded with their first association (null: the programme's) and
 * dated in their own zone.
 */
export async function mailUser(
  outbox: AccountOutbox,
  db: DbOrTx,
  user: Pick<authRepo.UserRow, 'id' | 'email' | 'displayName' | 'timeZone'>,
  template: AccountMail,
  options: { associationId?: string | null; dedupeKey?: string } = {},
): Promise<void> {
  const associationId =
    options.associationId !== undefined
      ? options.associationId
      : ((await authRepo.findMemberships(db, user.id))[0]?.id ?? null);
  await outbox.enqueue(
    {
      to: user.email,
      recipientName: user.displayName,
      associationId,
      ...(user.timeZone ? { timeZone: user.timeZone } : {}),
      template,
      ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
    },
    db,
  );
}

/** An absolute link the client routes (`/reset-password`, `/invitation`, `/unlock`). */
export function linkTo(publicOrigin: string, path: string, token: string): string {
  const url = new URL(path, publicOrigin);
  url.searchParams.set('token', token);
  return url.toString();
}
