import type { Role, UserSummary } from '@exam/shared/api';
import { programmeScope, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import type { UserWithRoles } from './users.repo.js';
import * as usersRepo from './users.repo.js';

/** A person as a notification addresses them. */
export interface MailContact {
  id: string;
  email: string;
  displayName: string;
  timeZone: string | null;
}

/** A user row as every account answer shows it: no password, roles as held in the scope. */
export function presentSummary(row: UserWithRoles): UserSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles as Role[],
    disabled: row.disabled,
  };
}

/**
 * Accounts by email or id, with the roles held in the scope, and where to mail them. Other
 * modules name the people of rows they have already scoped; a lookup by what a person typed
 * passes the actor's scope. Part of the users service (users.service.ts).
 */
export const userLookups = {
  async findByEmails(
    db: DbOrTx,
    emails: readonly string[],
    scope: Scope = programmeScope,
  ): Promise<UserSummary[]> {
    return (await usersRepo.findUsersByEmails(db, scope, emails)).map(presentSummary);
  },

  async findByIds(
    db: DbOrTx,
    ids: readonly string[],
    scope: Scope = programmeScope,
  ): Promise<UserSummary[]> {
    return (await usersRepo.findUsersByIds(db, scope, ids)).map(presentSummary);
  },

  /** Where and in which zone to mail these people (null zone: their association's). */
  async mailContactsOf(
    db: DbOrTx,
    ids: readonly string[],
    scope: Scope = programmeScope,
  ): Promise<MailContact[]> {
    return (await usersRepo.findUsersByIds(db, scope, ids)).map((row) => ({
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      timeZone: row.timeZone,
    }));
  },
};
