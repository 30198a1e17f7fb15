import { isAssociationRole, type CurrentUser, type Role } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { createBatchedReads, createGroupCommit } from '../../lib/group-commit.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { AuditService } from '../audit/index.js';
import * as accountTokens from './account-tokens.repo.js';
import * as authRepo from './auth.repo.js';
import type { LoginThrottle } from './login-throttle.js';
import { newToken, hashToken } from './tokens.js';
import {
  mustHaveTwoFactor,
  type SecondFactor,
  type TwoFactorService,
} from './two-factor.service.js';
import {
  dummyPasswordHash,
  hashPassword,
  needsPasswordRehash,
  verifyPassword,
} from './passwords.js';

/** A pending sign-in (password right, code not yet given) lasts this long. */
const TWO_FACTOR_STEP_MS = 5 * 60_000;
/** Last seen moves forward at most this often per session: one write a minute, not per request. */
const LAST_SEEN_EVERY_MS = 60_000;

export type AuthService = ReturnType<typeof createAuthService>;

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

export interface ClientInfo {
  address: string;
  userAgent?: string | undefined;
  previousToken?: string | undefined;
}

export type LoginOutcome =
  | {
      kind: 'session';
      token: string;
      user: CurrentUser;
      expiresAt: Date;
      enrolmentRequired: boolean;
    }
  | { kind: 'two-factor'; pendingToken: string; expiresAt: Date };

/** Logins (password, then the second factor where there is one), sessions and throttling. */
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
  throttle: LoginThrottle;
  twoFactor: Pick<TwoFactorService, 'check'>;
  /** Whether administrators and coordinators are held to enrolment (config TWO_FACTOR_ENFORCED). */
  twoFactorEnforced: boolean;
  /** Told when failures lock an account (audit and the unlock mail). */
  onAccountLocked?: (user: authRepo.UserRow, until: Date) => Promise<void>;
}) {
  const revoked = (sessionId: string) => deps.events.publish({ kind: 'session', sessionId });
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

  const enrolmentRequired = (row: authRepo.UserRow, user: CurrentUser) =>
    deps.twoFactorEnforced && row.totpEnabledAt === null && mustHaveTwoFactor(user);

  async function failed(email: string, address: string, user: authRepo.UserRow | undefined) {
    const lockedUntil = await deps.throttle.recordFailure(email, address);
    if (lockedUntil && user) {
      await deps.audit.appendNow(deps.db, {
        actorId: null,
        action: 'account.locked',
        subjectType: 'user',
        subjectId: user.id,
        details: { address, until: lockedUntil.toISOString() },
      });
      await deps.onAccountLocked?.(user, lockedUntil);
    }
  }

  /**
   * Opens a new session. The caller's previous session, if any, is revoked so a cookie planted
   * before login is worthless after it (no session fixation).
   */
  async function openSession(
    user: authRepo.UserRow,
    client: ClientInfo,
    via: 'password' | 'two-factor' | 'invitation',
  ): Promise<LoginOutcome & { kind: 'session' }> {
    const now = deps.clock.now();
    if (client.previousToken) {
      await authRepo.revokeSession(deps.db, sessionIdFromToken(client.previousToken), now);
      revoked(sessionIdFromToken(client.previousToken));
    }
    const token = newToken();
    const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3_600_000);
    const memberships = await authRepo.findMemberships(deps.db, user.id);
    const current = presentUser(user, memberships, null);
    await authRepo.insertSession(deps.db, {
      id: sessionIdFromToken(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      associationId: current.association?.id ?? null,
      userAgent: client.userAgent?.slice(0, 400) ?? null,
      address: client.address,
    });
    await deps.audit.appendNow(deps.db, {
      actorId: user.id,
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
      // The client's address as TRUST_PROXY resolves it, so a sign-in can be traced to a seat.
      details: { address: client.address, via },
    });
    return {
      kind: 'session',
      token,
      user: current,
      expiresAt,
      enrolmentRequired: enrolmentRequired(user, current),
    };
  }

  return {
    /** Checks the password; opens a session, or a pending sign-in when a code must follow. */
    async login(input: { email: string; password: string } & ClientInfo): Promise<LoginOutcome> {
      await deps.throttle.assertMayTry(input.email, input.address);
      const user = await authRepo.findUserByEmail(deps.db, input.email);
      const passwordOk = await verifyPassword(
        user?.passwordHash ?? (await dummyPasswordHash()),
        input.password,
      );
      if (!user || !passwordOk || user.disabled) {
        await failed(input.email, input.address, user);
        throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect.', 401);
      }
      if (needsPasswordRehash(user.passwordHash)) {
        // The only moment the plain password is at hand: a hash made with older parameters is
        // replaced by one made with today's.
        const next = await hashPassword(input.password);
        await authRepo.replacePasswordHash(deps.db, user.id, { previous: user.passwordHash, next });
      }
      if (user.totpEnabledAt) {
        // The failure counts stay until the code is right too: a guessed password alone is no
        // success.
        const pendingToken = newToken();
        const now = deps.clock.now();
        const expiresAt = new Date(now.getTime() + TWO_FACTOR_STEP_MS);
        await accountTokens.insertToken(deps.db, {
          tokenHash: hashToken(pendingToken),
          kind: 'two-factor',
          userId: user.id,
          createdAt: now,
          expiresAt,
        });
        return { kind: 'two-factor', pendingToken, expiresAt };
      }
      await deps.throttle.recordSuccess(input.email, input.address);
      return openSession(user, input, 'password');
    },

    /** The second step: the pending sign-in and a code (or a recovery code) open the session. */
    async completeTwoFactor(
      input: { pendingToken: string; factor: SecondFactor } & ClientInfo,
    ): Promise<LoginOutcome & { kind: 'session' }> {
      const tokenHash = hashToken(input.pendingToken);
      const pending = await accountTokens.findToken(deps.db, 'two-factor', tokenHash);
      if (!pending) throw new AppError('TOKEN_INVALID', 'Sign in again.', 404);
      if (pending.usedAt) throw new AppError('TOKEN_USED', 'Sign in again.', 410);
      if (pending.expiresAt <= deps.clock.now()) {
        throw new AppError('TOKEN_EXPIRED', 'That took too long; sign in again.', 410);
      }
      const user = await authRepo.findUserById(deps.db, pending.userId);
      if (!user || user.disabled) throw new AppError('TOKEN_INVALID', 'Sign in again.', 404);
      await deps.throttle.assertMayTry(user.email, input.address);
      if (!(await deps.twoFactor.check(user, input.factor))) {
        await failed(user.email, input.address, user);
        throw new AppError(
          'TWO_FACTOR_CODE_WRONG',
          'recoveryCode' in input.factor
            ? 'That recovery code is wrong or was used already.'
            : 'That code is wrong or was used already; wait for the next one.',
          401,
        );
      }
      if (!(await accountTokens.useToken(deps.db, tokenHash, deps.clock.now()))) {
        throw new AppError('TOKEN_USED', 'Sign in again.', 410);
      }
      await deps.throttle.recordSuccess(user.email, input.address);
      return openSession(user, input, 'two-factor');
    },

    /** Opens a session for a user who just proved themselves otherwise (an accepted invitation). */
    async signIn(userId: string, client: ClientInfo): Promise<LoginOutcome & { kind: 'session' }> {
      const user = await authRepo.findUserById(deps.db, userId);
      if (!user || user.disabled) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
      return openSession(user, client, 'invitation');
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
