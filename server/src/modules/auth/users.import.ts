import type { Role } from '@exam/shared/domain';
import type { DbOrTx } from '../../db/client.js';
import { insertUser, setMembershipRoles, splitRoles } from './users.repo.js';

/** One account to import, its password already hashed. */
export interface UserImport {
  email: string;
  displayName: string;
  roles: readonly Role[];
  passwordHash: string;
  /** Where association roles are held; null for someone with programme roles only. */
  associationId: string | null;
  /** Further associations where the same association roles are held (a proctor of two). */
  alsoMemberOf?: readonly string[];
}

/**
 * Creates accounts for content loaded into an empty database at first start (the demo); returns
 * each new account's id by email. An email already taken is skipped, not overwritten. Accounts
 * made by people go through the users service, which checks who may grant what and audits it.
 */
export async function importUsers(
  db: DbOrTx,
  people: readonly UserImport[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const person of people) {
    const row = await insertUser(db, person, person.associationId);
    if (!row) continue;
    ids.set(row.email, row.id);
    const { association } = splitRoles(person.roles);
    for (const other of person.alsoMemberOf ?? []) {
      await setMembershipRoles(db, row.id, other, association);
    }
  }
  return ids;
}
