import type { DbOrTx } from '../../db/client.js';
import { findUsersByIds } from './users.repo.js';
import { programmeScope } from '../../db/association-scope.js';

/** How another module shows a person: the name and email it may join to its own rows. */
export interface UserName {
  displayName: string;
  email: string;
}

/**
 * Names and emails of the given users, by id; unknown ids are absent. Other modules call this
 * instead of joining the users table, so auth alone decides what a user row holds.
 */
export async function userNamesByIds(
  db: DbOrTx,
  ids: readonly (string | null)[],
): Promise<Map<string, UserName>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = await findUsersByIds(db, programmeScope, wanted);
  return new Map(rows.map((r) => [r.id, { displayName: r.displayName, email: r.email }]));
}
