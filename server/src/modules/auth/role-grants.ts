import { coordinatorGrantableRoles, type CurrentUser, type Role } from '@exam/shared/api';
import { DEFAULT_ASSOCIATION_ID } from '../../db/schema/associations.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { actingAssociationOf } from '../../lib/request-actor.js';
import * as usersRepo from './users.repo.js';

// Who may grant which roles, and in which association the granted roles are held.

/** An admin grants any role; a coordinator only candidate, proctor and grader. */
export function assertMayGrant(actor: CurrentUser, roles: readonly Role[]): void {
  if (actor.roles.includes('admin')) return;
  const refused = roles.filter((role) => !coordinatorGrantableRoles.includes(role));
  if (refused.length > 0) {
    throw new AppError('FORBIDDEN', `Only an admin can grant: ${refused.join(', ')}.`, 403);
  }
}

/**
 * Where association roles given by `actor` are held: the association named (a coordinator may
 * name only their own), else the one the actor acts for, else, for an administrator, the only
 * association or, when there are several, the default one the migration made (the admin's page
 * offers the choice; a request that names none keeps the single-association behaviour).
 */
export async function associationForRoles(
  db: DbOrTx,
  actor: CurrentUser,
  named: string | undefined,
): Promise<string> {
  const isAdmin = actor.roles.includes('admin');
  if (named) {
    if (isAdmin || actor.association?.id === named) return named;
    throw new AppError('NOT_FOUND', 'No such association.');
  }
  if (actor.association) return actor.association.id;
  if (!isAdmin) return actingAssociationOf(actor).associationId;
  const all = await usersRepo.associationIds(db);
  if (all.length === 1 && all[0]) return all[0];
  return DEFAULT_ASSOCIATION_ID;
}
