import { createHash, randomBytes } from 'node:crypto';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { isAssociationRole, type CurrentUser, type Role } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { AuditService } from '../audit/index.js';
import * as authRepo from './auth.repo.js';
import {
  dummyPasswordHash,
  hashPassword,
  needsPasswordRehash,
  verifyPassword,
} from './passwords.js';

const FAILURES_PER_ACCOUNT = 5;
const FAILURES_PER_ADDRESS = 20;
const FAILURE_WINDOW_SECONDS = 15 * 60;

export type AuthService = ReturnType<typeof createAuthService>;

export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
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

/** Logins, sessions and the rate limits on failed attempts. */
export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'appendNow'>;
  sessionTtlHours: number;
  /**
   * Revocations are announced on the event bus, so a revoked session's sockets close at once on
   * every instance, not at the next heartbeat's session check.
   */
  events: Pick<EventBus, 'publish'>;
}) {
  const accountFailures = new RateLimiterMemory({
    points: FAILURES_PER_ACCOUNT,
    duration: FAILURE_WINDOW_SECONDS,
  });
  const addressFailures = new RateLimiterMemory({
    points: FAILURES_PER_ADDRESS,
    duration: FAILURE_WINDOW_SECONDS,
  });

  async function isBlocked(email: string, address: string): Promise<boolean> {
    const [account, origin] = await Promise.all([
      accountFailures.get(email),
      addressFailures.get(address),
    ]);
    return (
      (account?.consumedPoints ?? 0) >= FAILURES_PER_ACCOUNT ||
      (origin?.consumedPoints ?? 0) >= FAILURES_PER_ADDRESS
    );
  }

  async function recordFailure(email: string, address: string): Promise<void> {
    await Promise.allSettled([accountFailures.penalty(email), addressFailures.penalty(address)]);
  }

  const revoked = (sessionId: string) => deps.events.publish({ kind: 'session', sessionId });

  return {
    /**
     * Checks the password and opens a new session. The caller's previous session, if any, is
     * revoked so a cookie planted before login is worthless after it (no session fixation).
     */
    async login(input: {
      email: string;
      password: string;
      address: string;
      previousToken?: string | undefined;
    }): Promise<{ token: string; user: CurrentUser; expiresAt: Date }> {
      if (await isBlocked(input.email, input.address)) {
        throw new AppError(
          'RATE_LIMITED',
          'Too many failed sign-in attempts. Try again later.',
          429,
        );
      }
      const user = await authRepo.findUserByEmail(deps.db, input.email);
      const passwordOk = await verifyPassword(
        user?.passwordHash ?? (await dummyPasswordHash()),
        input.password,
      );
      if (!user || !passwordOk || user.disabled) {
        await recordFailure(input.email, input.address);
        throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect.', 401);
      }
      await accountFailures.delete(input.email);
      if (needsPasswordRehash(user.passwordHash)) {
        // The only moment the plain password is at hand: a hash made with older parameters is
        // replaced by one made with today's.
        const next = await hashPassword(input.password);
        await authRepo.replacePasswordHash(deps.db, user.id, { previous: user.passwordHash, next });
      }
      const now = deps.clock.now();
      if (input.previousToken) {
        await authRepo.revokeSession(deps.db, sessionIdFromToken(input.previousToken), now);
        revoked(sessionIdFromToken(input.previousToken));
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3_600_000);
      const memberships = await authRepo.findMemberships(deps.db, user.id);
      const current = presentUser(user, memberships, null);
      await authRepo.insertSession(deps.db, {
        id: sessionIdFromToken(token),
        userId: user.id,
        createdAt: now,
        expiresAt,
        associationId: current.association?.id ?? null,
      });
      await deps.audit.appendNow(deps.db, {
        actorId: user.id,
        action: 'auth.login',
        subjectType: 'user',
        subjectId: user.id,
        // The client's address as TRUST_PROXY resolves it, so a sign-in can be traced to a seat.
        details: { address: input.address },
      });
      return { token, user: current, expiresAt };
    },

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

    /** The user behind a session token, or null when the session is unknown, expired or revoked. */
    async userForToken(token: string | undefined): Promise<CurrentUser | null> {
      if (!token || token.length > 200) return null;
      const row = await authRepo.findLiveSessionUser(
        deps.db,
        sessionIdFromToken(token),
        deps.clock.now(),
      );
      if (!row) return null;
      const memberships = await authRepo.findMemberships(deps.db, row.user.id);
      return presentUser(row.user, memberships, row.associationId);
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
