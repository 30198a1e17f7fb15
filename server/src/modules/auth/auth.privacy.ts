import type { MyAccount, MyMembership, MySession } from '@exam/shared/api';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { associations } from '../../db/schema/associations.js';
import { associationMembers, sessions, users } from '../../db/schema/auth.js';
import { iso, isoOrNull } from '../../lib/iso.js';

/** What auth holds about one user, for their own data export (the privacy module). */
export interface AccountData {
  account: MyAccount;
  memberships: MyMembership[];
  /** Sign-ins: when, until when, revoked when; never the session's token or its hash. */
  sessions: MySession[];
}

/**
 * The read side auth gives the privacy module: one user's own rows, no password hash, no
 * session ids. Undefined when the user does not exist.
 */
export async function accountDataOf(db: DbOrTx, userId: string): Promise<AccountData | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return undefined;
  const [memberRows, sessionRows] = await Promise.all([
    db
      .select({
        name: associations.name,
        shortName: associations.shortName,
        roles: associationMembers.roles,
        since: associationMembers.createdAt,
      })
      .from(associationMembers)
      .innerJoin(associations, eq(associations.id, associationMembers.associationId))
      .where(eq(associationMembers.userId, userId))
      .orderBy(asc(associations.name)),
    db
      .select({
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(asc(sessions.createdAt)),
  ]);
  return {
    account: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      disabled: user.disabled,
      createdAt: iso(user.createdAt),
    },
    memberships: memberRows.map((row) => ({
      associationName: row.name,
      associationShortName: row.shortName,
      roles: row.roles,
      since: iso(row.since),
    })),
    sessions: sessionRows.map((row) => ({
      createdAt: iso(row.createdAt),
      expiresAt: iso(row.expiresAt),
      revokedAt: isoOrNull(row.revokedAt),
    })),
  };
}

/** Each association's retention period, for the purge job (the privacy module). */
export async function retentionPeriods(
  db: DbOrTx,
): Promise<{ associationId: string; name: string; retentionYears: number }[]> {
  return db
    .select({
      associationId: associations.id,
      name: associations.name,
      retentionYears: associations.retentionYears,
    })
    .from(associations);
}
