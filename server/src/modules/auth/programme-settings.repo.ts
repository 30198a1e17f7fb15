import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { associationMembers } from '../../db/schema/auth.js';
import { DEFAULT_PROGRAMME_ID, programmes } from '../../db/schema/associations.js';

/** The programme's rule; true (the column's default) if the programme row is somehow missing. */
export async function excludeOwnAssociationGraders(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ exclude: programmes.excludeOwnAssociationGraders })
    .from(programmes)
    .where(eq(programmes.id, DEFAULT_PROGRAMME_ID));
  return row?.exclude ?? true;
}

/** Sets the rule; false when there is no programme row to set it on. */
export async function setExcludeOwnAssociationGraders(
  tx: DbOrTx,
  exclude: boolean,
): Promise<boolean> {
  const rows = await tx
    .update(programmes)
    .set({ excludeOwnAssociationGraders: exclude })
    .where(eq(programmes.id, DEFAULT_PROGRAMME_ID))
    .returning({ id: programmes.id });
  return rows.length > 0;
}

/** The associations each user is a member of, in any role. */
export async function associationsOfUsers(
  db: DbOrTx,
  userIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  if (userIds.length === 0) return found;
  const rows = await db
    .select({ userId: associationMembers.userId, associationId: associationMembers.associationId })
    .from(associationMembers)
    .where(inArray(associationMembers.userId, [...userIds]));
  for (const row of rows) {
    const set = found.get(row.userId) ?? new Set<string>();
    set.add(row.associationId);
    found.set(row.userId, set);
  }
  return found;
}
