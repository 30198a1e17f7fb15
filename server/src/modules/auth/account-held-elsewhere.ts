import { randomUUID } from 'node:crypto';
import type { CurrentUser, Role, UserSummary } from '@exam/shared/api';
import { programmeScope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { scopeOf } from '../../lib/request-actor.js';
import type { AuditService } from '../audit/index.js';
import type { AccountOutbox } from './account-mail.js';
import { letterheadOf } from './association-letterhead.repo.js';
import * as usersRepo from './users.repo.js';

export interface HeldElsewhereDeps {
  audit: Pick<AuditService, 'append'>;
  outbox: AccountOutbox;
}

/**
 * A coordinator adding an address whose account only other associations hold learns nothing
 * about that account, as with enrolments and authorisations: the answer is the one a new account
 * gets (201 and the same fields, with an id that names no account), nothing is attached to the
 * account (joining an association is its holder's decision), an audit entry tells
 * administrators, and the holder is mailed in the programme's name (so the association's Mail
 * page does not list it). What the coordinator can still notice is that the person never appears
 * among their users. Administrators see every account: for them an existing address stays a 409,
 * and so does one the coordinator can see (their own members, the programme's staff).
 *
 * Returns undefined when the address is free or visible to the actor (create it, or refuse it).
 */
export async function answerIfHeldElsewhere(
  deps: HeldElsewhereDeps,
  tx: DbOrTx,
  actor: CurrentUser,
  input: { email: string; displayName: string; roles: Role[] },
): Promise<UserSummary | undefined> {
  const scope = scopeOf(actor);
  if (scope.kind === 'programme') return undefined;
  const [anywhere] = await usersRepo.findUsersByEmails(tx, programmeScope, [input.email]);
  if (!anywhere) return undefined;
  const [visible] = await usersRepo.findUsersByEmails(tx, scope, [input.email]);
  if (visible) return undefined;

  await deps.audit.append(tx, {
    actorId: actor.id,
    action: 'user.create_held_elsewhere',
    subjectType: 'user',
    subjectId: anywhere.id,
    details: { roles: input.roles, associationId: scope.associationId },
  });
  const letterhead = await letterheadOf(tx, scope.associationId);
  // In the transaction: the holder hears of it only if the request committed.
  await deps.outbox.enqueue(
    {
      to: anywhere.email,
      associationId: null,
      template: {
        kind: 'account-held-elsewhere',
        requestedBy: letterhead?.name ?? 'An association',
        roleLabel: input.roles.join(', '),
      },
      // One a day per association and holder: asking again cannot flood someone's inbox.
      dedupeKey: `account-held-elsewhere:${scope.associationId}:${anywhere.id}:${new Date().toISOString().slice(0, 10)}`,
    },
    tx,
  );
  return {
    id: randomUUID(),
    email: input.email,
    displayName: input.displayName,
    roles: input.roles,
    disabled: false,
  };
}
