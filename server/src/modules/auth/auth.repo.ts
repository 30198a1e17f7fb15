import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { arrayLiteral } from '../../db/arrays.js';
import type { DbOrTx } from '../../db/client.js';
import { preparedStatement } from '../../db/prepared.js';
import { associations } from '../../db/schema/associations.js';
import { associationMembers, sessions, users } from '../../db/schema/auth.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows[0];
}

/** Replaces a hash only if it is still the one verified, so a password changed meanwhile wins. */
export async function replacePasswordHash(
  db: DbOrTx,
  userId: string,
  from: { previous: string; next: string },
): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: from.next })
    .where(and(eq(users.id, userId), eq(users.passwordHash, from.previous)));
}

export async function insertSession(
  db: DbOrTx,
  session: {
    id: string;
    userId: string;
    createdAt: Date;
    expiresAt: Date;
    associationId: string | null;
    userAgent?: string | null;
    address?: string | null;
  },
): Promise<void> {
  await db.insert(sessions).values({ ...session, lastSeenAt: session.createdAt });
}

export async function revokeSession(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

const liveSessionColumns = {
  user: users,
  associationId: sessions.associationId,
  lastSeenAt: sessions.lastSeenAt,
  memberships: sql<MembershipRow[]>`(
    SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name,
      'shortName', a.short_name, 'roles', m.roles, 'timeZone', a.time_zone) ORDER BY a.name), '[]')
    FROM ${associationMembers} m JOIN ${associations} a ON a.id = m.association_id
    WHERE m.user_id = ${users.id})`,
};

/**
 * The user behind a live (unexpired, unrevoked) session of an enabled account, with their
 * memberships (as findMemberships lists them) in the same statement: every request and socket
 * upgrade asks this, and a second round trip each was part of the start spike's cost (issue 23).
 */
const liveSessionUser = preparedStatement((db) =>
  db
    .select(liveSessionColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('id')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.disabled, false),
      ),
    )
    .limit(1)
    .prepare('live_session_user'),
);

export async function findLiveSessionUser(db: DbOrTx, id: string, now: Date) {
  const [row] = await liveSessionUser(db, { id, now: now.toISOString() });
  return row;
}

export type LiveSessionRow = NonNullable<Awaited<ReturnType<typeof findLiveSessionUser>>>;

/** As liveSessionUser, for many sessions in one statement (sessions.service.ts batches the asks). */
const liveSessionUsers = preparedStatement((db) =>
  db
    .select({ ...liveSessionColumns, sessionId: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        sql`${sessions.id} = any(${sql.placeholder('ids')}::text[])`,
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
        eq(users.disabled, false),
      ),
    )
    .prepare('live_session_users'),
);

export async function findLiveSessionUsers(
  db: DbOrTx,
  ids: readonly string[],
  now: Date,
): Promise<Map<string, LiveSessionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await liveSessionUsers(db, { ids: arrayLiteral(ids), now: now.toISOString() });
  return new Map(rows.map(({ sessionId, ...row }) => [sessionId, row]));
}

export interface MembershipRow {
  id: string;
  name: string;
  shortName: string;
  roles: string[];
  /** The association's zone: its members' dates default to it. */
  timeZone: string;
}

/** The associations a user belongs to, by name, with the roles held in each. */
export async function findMemberships(db: DbOrTx, userId: string): Promise<MembershipRow[]> {
  return db
    .select({
      id: associations.id,
      name: associations.name,
      shortName: associations.shortName,
      roles: associationMembers.roles,
      timeZone: associations.timeZone,
    })
    .from(associationMembers)
    .innerJoin(associations, eq(associations.id, associationMembers.associationId))
    .where(eq(associationMembers.userId, userId))
    .orderBy(asc(associations.name));
}

/** Which association a live session acts for from now on. */
export async function setSessionAssociation(
  db: DbOrTx,
  id: string,
  associationId: string,
): Promise<void> {
  await db.update(sessions).set({ associationId }).where(eq(sessions.id, id));
}

/** Which of these session ids are live (unexpired, unrevoked, enabled account), in one query. */
export async function findLiveSessionIds(
  db: DbOrTx,
  ids: string[],
  now: Date,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        inArray(sessions.id, ids),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        eq(users.disabled, false),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * Moves last seen forward for these sessions, unless another request did within the last
 * `everyMs`: one statement for all the sessions seen together (touches are batched).
 */
export async function touchSessions(
  db: DbOrTx,
  ids: readonly string[],
  now: Date,
  everyMs: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(
      and(
        inArray(sessions.id, [...ids]),
        or(isNull(sessions.lastSeenAt), lt(sessions.lastSeenAt, new Date(now.getTime() - everyMs))),
      ),
    );
}

export type SessionRow = typeof sessions.$inferSelect;

/** A user's live sessions, the most recently seen first. */
export async function findLiveSessionsOf(
  db: DbOrTx,
  userId: string,
  now: Date,
): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(
      and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
    )
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
}

/** Revokes one of the user's own sessions; false when it is not theirs or not live. */
export async function revokeSessionOf(
  db: DbOrTx,
  userId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Revokes every live session of the user but `keep` (none kept when null); returns their ids. */
export async function revokeSessionsOf(
  db: DbOrTx,
  userId: string,
  keep: string | null,
  at: Date,
): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        ...(keep ? [ne(sessions.id, keep)] : []),
      ),
    )
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function setPasswordHash(db: DbOrTx, userId: string, hash: string): Promise<void> {
  await db.update(users).set({ passwordHash: hash }).where(eq(users.id, userId));
}
