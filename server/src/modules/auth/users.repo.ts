import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { users } from '../../db/schema/auth.js';
import type { UserRow } from './auth.repo.js';

export async function insertUser(
  db: DbOrTx,
  user: { email: string; displayName: string; passwordHash: string; roles: string[] },
): Promise<UserRow | undefined> {
  const rows = await db.insert(users).values(user).onConflictDoNothing().returning();
  return rows[0];
}

export async function listUsers(db: DbOrTx): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function updateRoles(db: DbOrTx, id: string, roles: string[]): Promise<void> {
  await db.update(users).set({ roles }).where(eq(users.id, id));
}

export async function findUsersByEmails(db: DbOrTx, emails: readonly string[]): Promise<UserRow[]> {
  if (emails.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.email, [...emails]));
}

export async function findUsersByIds(db: DbOrTx, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]));
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
