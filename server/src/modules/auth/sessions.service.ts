import { isAssociationRole, type CurrentUser, type Role } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { createBatchedReads, createGroupCommit } from '../../lib/group-commit.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as authRepo from './auth.repo.js';
import { hashToken } from './tokens.js';

/*
 * An open session's life, apart from how it was opened: every request and socket reads it (in
 * batches, as a sitting's opening brings thousands at once), the user may switch the association
 * it acts for, and logout revokes it. Signing in, which opens sessions, stays in auth.service.ts;
 * the auth service carries these methods too, so callers see one AuthService.
 */

/** Last seen moves forward at most this often per session: one write a minute, not per request. */
const LAST_SEEN_EVERY_MS = 60_000;

export function sessionIdFromToken(token: string): string {
  return hashToken(token);
}

/**
 * The user as a request sees them: acting for the association their session chose (or their
 * first, by name, when it chose none or they left it), with that association's roles added to
 * the programme's.
 */
export function presentUser(
  row: authRepo.UserRow,
  memberships: readonly authRepo.MembershipRow[],
  sessionAssociationId: string | null,
): CurrentUser {
  const acting =
    memberships.find((m) => m.id === sessionAssociationId) ?? memberships[0] ?? undefined;
  const programmeRoles = (row.roles as Role[]).filter((role) => !isAssociationRole(role));
  const actingRoles = (acting?.roles ?? []) as Role[];
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: [...new Set([...programmeRoles, ...actingRoles])],
    association: acting ? { id: acting.id, name: acting.name, shortName: acting.shortName } : null,
    // Their own zone, else the association they act for's, else UTC (the programme's staff).
    timeZone: row.timeZone ?? acting?.timeZone ?? 'UTC',
    memberships: memberships.map((m) => ({
      id: m.id,
      name: m.name,
      shortName: m.shortName,
      roles: m.roles as Role[],
    })),
  };
}

/** Reads, switches and revokes open sessions; auth.service.ts opens them. */
export function createSessionService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'appendNow'>;
  /** Announces a revoked session (auth.service.ts: on the event bus, to every instance). */
  revoked: (sessionId: string) => void;
  /** Whether the user must enrol a second factor before anything else. */
  enrolmentRequired: (row: authRepo.UserRow, user: CurrentUser) => boolean;
}) {
  const { revoked, enrolmentRequired } = deps;

  // When a sitting opens, thousands of candidates' sockets check their sessions within seconds:
  // the touches of the ones that arrive together go in one UPDATE, each request still waiting
  // for its own. One batch at a time: the touches that arrive while one commits all go in the
  // next, so the batches grow with the load instead of the statements.
  // Every request and socket upgrade reads its session: the reads asked together share one
  // statement, which sees every revocation committed before any of them was asked.
  const readSession = createBatchedReads({
    name: 'session-reads',
    read: (ids) => authRepo.findLiveSessionUsers(deps.db, ids, deps.clock.now()),
  });
  const touches = createGroupCommit<{ id: string; now: Date }, void>({
    name: 'session-touches',
    maxInFlight: 1,
    lingerMs: 20,
    lingerAbovePerSecond: 100,
    commit: async (batch) => {
      const now = new Date(Math.max(...batch.map((touch) => touch.now.getTime())));
      const ids = [...new Set(batch.map((touch) => touch.id))];
      await authRepo.touchSessions(deps.db, ids, now, LAST_SEEN_EVERY_MS);
      return batch.map(() => undefined);
    },
  });

  return {
    async logout(token: string, user: CurrentUser | null): Promise<void> {
      await authRepo.revokeSession(deps.db, sessionIdFromToken(token), deps.clock.now());
      revoked(sessionIdFromToken(token));
      if (user) {
        await deps.audit.appendNow(deps.db, {
          actorId: user.id,
          action: 'auth.logout',
          subjectType: 'user',
          subjectId: user.id,
        });
      }
    },

    /**
     * The tokens among these whose sessions are still live, in one query: the exam sockets'
     * heartbeat checks thousands at once without crowding the pool the autosaves use.
     */
    async liveTokens(tokens: readonly string[]): Promise<Set<string>> {
      const byId = new Map(tokens.map((token) => [sessionIdFromToken(token), token]));
      const live = await authRepo.findLiveSessionIds(deps.db, [...byId.keys()], deps.clock.now());
      return new Set([...live].map((id) => byId.get(id) as string));
    },

    /**
     * The session behind a token, or null when it is unknown, expired or revoked; with whether
     * the user must enrol a second factor before anything else. Moves last seen forward at most
     * once a minute.
     */
    async sessionForToken(
      token: string | undefined,
    ): Promise<{ user: CurrentUser; enrolmentRequired: boolean } | null> {
      if (!token || token.length > 200) return null;
      const id = sessionIdFromToken(token);
      const now = deps.clock.now();
      const row = await readSession(id);
      if (!row) return null;
      if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
        await touches.write({ id, now });
      }
      const user = presentUser(row.user, row.memberships, row.associationId);
      return { user, enrolmentRequired: enrolmentRequired(row.user, user) };
    },

    /** The user behind a session token, or null when the session is unknown, expired or revoked. */
    async userForToken(token: string | undefined): Promise<CurrentUser | null> {
      return (await this.sessionForToken(token))?.user ?? null;
    },

    /**
     * Makes the session act for another of the user's associations; every role check after it
     * names that association. Refused for an association the user does not belong to.
     */
    async actFor(token: string, user: CurrentUser, associationId: string): Promise<CurrentUser> {
      const memberships = await authRepo.findMemberships(deps.db, user.id);
      if (!memberships.some((m) => m.id === associationId)) {
        throw new AppError('NOT_FOUND', 'You do not belong to that association.');
      }
      const sessionId = sessionIdFromToken(token);
      await authRepo.setSessionAssociation(deps.db, sessionId, associationId);
      await deps.audit.appendNow(deps.db, {
        actorId: user.id,
        action: 'auth.act_for',
        subjectType: 'association',
        subjectId: associationId,
        details: { from: user.association?.id ?? null },
      });
      const row = await authRepo.findLiveSessionUser(deps.db, sessionId, deps.clock.now());
      if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
      return presentUser(row.user, memberships, associationId);
    },
  };
}
