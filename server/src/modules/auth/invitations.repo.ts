import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associationInScope } from '../../db/scope-filters.js';
import { invitations } from '../../db/schema/accounts.js';
import { associations } from '../../db/schema/associations.js';
import { users } from '../../db/schema/auth.js';

export type InvitationRow = typeof invitations.$inferSelect;

export async function insertInvitation(
  db: DbOrTx,
  row: typeof invitations.$inferInsert,
): Promise<InvitationRow> {
  const rows = await db.insert(invitations).values(row).returning();
  return rows[0] as InvitationRow;
}

export async function findByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<
  (InvitationRow & { associationName: string | null; timeZone: string | null }) | undefined
> {
  const rows = await db
    .select({
      invitation: invitations,
      associationName: associations.name,
      timeZone: associations.timeZone,
    })
    .from(invitations)
    .leftJoin(associations, eq(associations.id, invitations.associationId))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  const row = rows[0];
  return row && { ...row.invitation, associationName: row.associationName, timeZone: row.timeZone };
}

const inScope = (scope: Scope) => associationInScope(scope, invitations.associationId);

/** Open invitations (neither accepted nor revoked) the scope reaches, with whom they invite. */
export async function listOpen(db: DbOrTx, scope: Scope) {
  return db
    .select({ invitation: invitations, email: users.email, displayName: users.displayName })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), inScope(scope)))
    .orderBy(asc(users.email));
}

export async function findOpen(db: DbOrTx, scope: Scope, id: string) {
  const rows = await db
    .select({ invitation: invitations, user: users })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(
      and(
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        inScope(scope),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Ends an open invitation, once: true for the caller that did. */
export async function close(
  db: DbOrTx,
  id: string,
  how: { acceptedAt: Date } | { revokedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set(how)
    .where(
      and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
    )
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Spends every open invitation of the account (its password was set another way). */
export async function closeOpenOf(db: DbOrTx, userId: string, acceptedAt: Date): Promise<void> {
  await db
    .update(invitations)
    .set({ acceptedAt })
    .where(
      and(
        eq(invitations.userId, userId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
}

export async function setTimeZone(db: DbOrTx, userId: string, timeZone: string): Promise<void> {
  await db.update(users).set({ timeZone }).where(eq(users.id, userId));
}
