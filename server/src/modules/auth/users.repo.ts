import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isAssociationRole, type Role } from '@exam/shared/domain';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associations } from '../../db/schema/associations.js';
import { associationMembers, users } from '../../db/schema/auth.js';
import type { UserRow } from './auth.repo.js';

/**
 * A user with the roles that count where they are seen: the programme's roles plus the
 * association roles held in the scope's association (or in any, for the programme).
 */
/** A user as account administration sees them: never the second factor's secret. */
export type UserWithRoles = Omit<UserRow, 'totpSecret' | 'totpLastStep'>;

function rolesIn(scope: Scope): SQL<string[]> {
  const within =
    scope.kind === 'association' ? sql`and m.association_id = ${scope.associationId}` : sql``;
  return sql<string[]>`array(
    select distinct r from (
      select unnest(${users.roles}) as r
      union all
      select unnest(m.roles) from ${associationMembers} m where m.user_id = ${users.id} ${within}
    ) held order by r)`;
}

function selectUsers(db: DbOrTx, scope: Scope) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      passwordHash: users.passwordHash,
      roles: rolesIn(scope),
      disabled: users.disabled,
      totpEnabledAt: users.totpEnabledAt,
      timeZone: users.timeZone,
      createdAt: users.createdAt,
    })
    .from(users);
}

/**
 * Creates an account. Programme roles are stored on the user; association roles become a
 * membership of `associationId`, which is required when any is asked for.
 */
export async function insertUser(
  db: DbOrTx,
  user: { email: string; displayName: string; passwordHash: string; roles: readonly Role[] },
  associationId: string | null,
): Promise<UserRow | undefined> {
  const { programme, association } = splitRoles(user.roles);
  if (association.length > 0 && !associationId) {
    throw new Error(`Association roles (${association.join(', ')}) need an association`);
  }
  const rows = await db
    .insert(users)
    .values({ ...user, roles: programme })
    .onConflictDoNothing()
    .returning();
  const row = rows[0];
  if (!row) return undefined;
  if (association.length > 0 && associationId) {
    await setMembershipRoles(db, row.id, associationId, association);
  }
  return { ...row, roles: [...user.roles] };
}

export function splitRoles(roles: readonly Role[]): { programme: Role[]; association: Role[] } {
  const unique = [...new Set(roles)];
  return {
    programme: unique.filter((role) => !isAssociationRole(role)),
    association: unique.filter((role) => isAssociationRole(role)),
  };
}

/** The user's association roles in one association; none removes the membership. */
export async function setMembershipRoles(
  db: DbOrTx,
  userId: string,
  associationId: string,
  roles: readonly Role[],
): Promise<void> {
  if (roles.length === 0) {
    await db
      .delete(associationMembers)
      .where(
        and(
          eq(associationMembers.userId, userId),
          eq(associationMembers.associationId, associationId),
        ),
      );
    return;
  }
  await db
    .insert(associationMembers)
    .values({ userId, associationId, roles: [...roles] })
    .onConflictDoUpdate({
      target: [associationMembers.userId, associationMembers.associationId],
      set: { roles: [...roles] },
    });
}

/** Everyone the scope may see: an association's members and the programme's staff, or everyone. */
export async function listUsers(db: DbOrTx, scope: Scope): Promise<UserWithRoles[]> {
  return listUsersWhere(db, scope, undefined).orderBy(asc(users.email));
}

export async function findUserById(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<UserWithRoles | undefined> {
  const rows = await listUsersWhere(db, scope, eq(users.id, id));
  return rows[0];
}

function listUsersWhere(db: DbOrTx, scope: Scope, where: SQL | undefined) {
  if (scope.kind === 'programme') return selectUsers(db, scope).where(where);
  // An association sees its own members and the programme's staff (graders, panelists, ...),
  // whom every association shares; never another association's people.
  return selectUsers(db, scope).where(
    and(
      where,
      or(
        inArray(
          users.id,
          db
            .select({ id: associationMembers.userId })
            .from(associationMembers)
            .where(eq(associationMembers.associationId, scope.associationId)),
        ),
        sql`cardinality(${users.roles}) > 0`,
      ),
    ),
  );
}

export async function updateProgrammeRoles(
  db: DbOrTx,
  id: string,
  roles: readonly Role[],
): Promise<void> {
  await db
    .update(users)
    .set({ roles: [...roles] })
    .where(eq(users.id, id));
}

export async function findUsersByEmails(
  db: DbOrTx,
  scope: Scope,
  emails: readonly string[],
): Promise<UserWithRoles[]> {
  if (emails.length === 0) return [];
  return listUsersWhere(db, scope, inArray(users.email, [...emails]));
}

export async function findUsersByIds(
  db: DbOrTx,
  scope: Scope,
  ids: readonly string[],
): Promise<UserWithRoles[]> {
  if (ids.length === 0) return [];
  return listUsersWhere(db, scope, inArray(users.id, [...ids]));
}

/** Whether an enabled administrator exists. */
export async function enabledAdministratorExists(db: DbOrTx): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`'admin' = ANY(${users.roles})`, eq(users.disabled, false)))
    .limit(1);
  return rows.length > 0;
}

/** The deployment's associations' ids (a handful), to resolve where new roles are held. */
export async function associationIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ id: associations.id }).from(associations).limit(2);
  return rows.map((r) => r.id);
}

/** The associations the scope reaches, by name: its own, or every one for the programme. */
export async function listAssociations(
  db: DbOrTx,
  scope: Scope,
): Promise<{ id: string; name: string; shortName: string }[]> {
  return db
    .select({ id: associations.id, name: associations.name, shortName: associations.shortName })
    .from(associations)
    .where(scope.kind === 'association' ? eq(associations.id, scope.associationId) : undefined)
    .orderBy(asc(associations.name));
}
