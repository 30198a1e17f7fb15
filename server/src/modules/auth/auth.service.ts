import type { CurrentUser } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { AuditService } from '../audit/index.js';
import * as accountTokens from './account-tokens.repo.js';
import * as authRepo from './auth.repo.js';
import type { LoginThrottle } from './login-throttle.js';
import { createSessionService, presentUser, sessionIdFromToken } from './sessions.service.js';
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

export type AuthService = ReturnType<typeof createAuthService>;

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

/**
 * Logins (password, then the second factor where there is one) and throttling. The open
 * session's reads, association switch and logout are sessions.service.ts's, carried here too.
 */
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
  const enrolmentRequired = (row: authRepo.UserRow, user: CurrentUser) =>
    deps.twoFactorEnforced && row.totpEnabledAt === null && mustHaveTwoFactor(user);

  const sessions = createSessionService({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    revoked,
    enrolmentRequired,
  });

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

    ...sessions,
  };
}
