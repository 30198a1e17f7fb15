import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { candidateProfiles } from '../../db/schema/candidates.js';

/** A candidate's profile: endorsement, category, track and accommodations. */
export type ProfileRow = typeof candidateProfiles.$inferSelect;

/**
 * Profiles the scope reaches: those of its association's members. Memberships are auth's table,
 * named here in SQL only to filter (no row of it leaves); row-level security on it agrees.
 */
function profileInScope(scope: Scope): SQL | undefined {
  if (scope.kind === 'programme') return undefined;
  return sql`exists (select 1 from association_members m
    where m.user_id = ${candidateProfiles.userId} and m.association_id = ${scope.associationId})`;
}

export async function findProfile(
  db: DbOrTx,
  scope: Scope,
  userId: string,
): Promise<ProfileRow | undefined> {
  const rows = await db
    .select()
    .from(candidateProfiles)
    .where(and(eq(candidateProfiles.userId, userId), profileInScope(scope)))
    .limit(1);
  return rows[0];
}

export function findProfiles(
  db: DbOrTx,
  scope: Scope,
  userIds: readonly string[],
): Promise<ProfileRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(candidateProfiles)
    .where(and(inArray(candidateProfiles.userId, [...userIds]), profileInScope(scope)));
}

export async function upsertProfile(
  db: DbOrTx,
  scope: Scope,
  profile: Pick<ProfileRow, 'userId' | 'endorsement' | 'category' | 'track'>,
): Promise<void> {
  await db
    .insert(candidateProfiles)
    .values(profile)
    .onConflictDoUpdate({
      target: candidateProfiles.userId,
      set: { endorsement: profile.endorsement, category: profile.category, track: profile.track },
      // A profile outside the scope (another association's candidate) is never overwritten.
      setWhere: profileInScope(scope),
    });
}

export async function updateAccommodations(
  db: DbOrTx,
  scope: Scope,
  userId: string,
  values: Partial<Omit<ProfileRow, 'userId' | 'endorsement' | 'category' | 'track'>>,
): Promise<ProfileRow | undefined> {
  const [row] = await db
    .update(candidateProfiles)
    .set(values)
    .where(and(eq(candidateProfiles.userId, userId), profileInScope(scope)))
    .returning();
  return row;
}
