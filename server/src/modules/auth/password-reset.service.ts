import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { AuditService } from '../audit/index.js';
import { assertPasswordAllowed } from './account.service.js';
import { linkTo, mailUser, type AccountOutbox } from './account-mail.js';
import * as accountTokens from './account-tokens.repo.js';
import * as authRepo from './auth.repo.js';
import * as invitationsRepo from './invitations.repo.js';
import type { LoginThrottle } from './login-throttle.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { hashToken, newToken } from './tokens.js';

const RESET_TTL_MS = 30 * 60_000;
/**
 * At most this many reset links per account per RESET_TTL_MS: anyone may ask in anyone's name,
 * so without a cap one script fills a person's inbox (and the mail queue). Past it the answer is
 * the same and the last link mailed still works.
 */
export const RESET_LINKS_PER_WINDOW = 5;

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;

/** Checks a single-use account link: known, of this kind, unused and in time. */
export async function liveToken(
  db: Db,
  clock: Clock,
  kind: accountTokens.AccountTokenKind,
  token: string,
): Promise<accountTokens.AccountTokenRow> {
  const row = await accountTokens.findToken(db, kind, hashToken(token));
  if (!row) throw new AppError('TOKEN_INVALID', 'That link is not valid.', 404);
  if (row.usedAt) throw new AppError('TOKEN_USED', 'That link was used already.', 410);
  if (row.expiresAt <= clock.now())
    throw new AppError('TOKEN_EXPIRED', 'That link has expired.', 410);
  return row;
}

/** Forgotten passwords (a mailed link, 30 minutes, once) and the unlock link of a locked account. */
export function createPasswordResetService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendNow'>;
  events: Pick<EventBus, 'publish'>;
  outbox: AccountOutbox;
  publicOrigin: string;
  throttle: LoginThrottle;
}) {
  return {
    /**
     * Mails a reset link when the address has an account; answers the same either way, and
     * spends about the same time (a password hash) so timing does not tell either.
     */
    async request(email: string): Promise<void> {
      const user = await authRepo.findUserByEmail(deps.db, email);
      if (!user || user.disabled) {
        await verifyPassword(await dummyPasswordHash(), email);
        return;
      }
      await verifyPassword(await dummyPasswordHash(), email);
      const now = deps.clock.now();
      const since = new Date(now.getTime() - RESET_TTL_MS);
      const recent = await accountTokens.countTokensSince(
        deps.db,
        user.id,
        'password-reset',
        since,
      );
      if (recent >= RESET_LINKS_PER_WINDOW) return;
      const token = newToken();
      const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
      await deps.db.transaction(async (tx) => {
        // One live link at a time: a second request makes the first useless.
        await accountTokens.retireTokens(tx, user.id, 'password-reset', now);
        await accountTokens.insertToken(tx, {
          tokenHash: hashToken(token),
          kind: 'password-reset',
          userId: user.id,
          createdAt: now,
          expiresAt,
        });
        await deps.audit.append(tx, {
          actorId: null,
          action: 'account.password_reset_requested',
          subjectType: 'user',
          subjectId: user.id,
        });
        await mailUser(deps.outbox, tx, user, {
          kind: 'password-reset',
          link: linkTo(deps.publicOrigin, '/reset-password', token),
          expiresAt,
        });
      });
    },

    /** Sets the new password and ends every session of the account. */
    async reset(token: string, password: string): Promise<void> {
      const row = await liveToken(deps.db, deps.clock, 'password-reset', token);
      const user = await authRepo.findUserById(deps.db, row.userId);
      if (!user) throw new AppError('TOKEN_INVALID', 'That link is not valid.', 404);
      await assertPasswordAllowed(password, user);
      const hash = await hashPassword(password);
      const now = deps.clock.now();
      const ended = await deps.db.transaction(async (tx) => {
        if (!(await accountTokens.useToken(tx, row.tokenHash, now))) {
          throw new AppError('TOKEN_USED', 'That link was used already.', 410);
        }
        await authRepo.setPasswordHash(tx, user.id, hash);
        // An invitation still open is spent by the password chosen here: it leaves the
        // coordinator's pending list, and its link can no longer set another.
        await invitationsRepo.closeOpenOf(tx, user.id, now);
        const ids = await authRepo.revokeSessionsOf(tx, user.id, null, now);
        await deps.audit.append(tx, {
          actorId: user.id,
          action: 'account.password_reset',
          subjectType: 'user',
          subjectId: user.id,
          details: { sessionsEnded: ids.length },
        });
        await mailUser(deps.outbox, tx, user, { kind: 'password-changed' });
        return ids;
      });
      for (const sessionId of ended) deps.events.publish({ kind: 'session', sessionId });
      // Whoever reset it has the mailbox: the failures that locked it no longer count.
      await deps.throttle.unlock(user.email);
    },

    /** Mails the unlock link when failed sign-ins lock an account. */
    async mailUnlock(user: authRepo.UserRow, until: Date): Promise<void> {
      const token = newToken();
      const now = deps.clock.now();
      await deps.db.transaction(async (tx) => {
        await accountTokens.insertToken(tx, {
          tokenHash: hashToken(token),
          kind: 'unlock',
          userId: user.id,
          createdAt: now,
          expiresAt: until,
        });
        await mailUser(deps.outbox, tx, user, {
          kind: 'account-locked',
          unlockLink: linkTo(deps.publicOrigin, '/unlock', token),
          lockedUntil: until,
        });
      });
    },

    /** The unlock link: the account's lock ends now. */
    async unlock(token: string): Promise<void> {
      const row = await liveToken(deps.db, deps.clock, 'unlock', token);
      const user = await authRepo.findUserById(deps.db, row.userId);
      if (!user) throw new AppError('TOKEN_INVALID', 'That link is not valid.', 404);
      await deps.db.transaction(async (tx) => {
        if (!(await accountTokens.useToken(tx, row.tokenHash, deps.clock.now()))) {
          throw new AppError('TOKEN_USED', 'That link was used already.', 410);
        }
        await deps.audit.append(tx, {
          actorId: user.id,
          action: 'account.unlocked',
          subjectType: 'user',
          subjectId: user.id,
        });
      });
      await deps.throttle.unlock(user.email);
    },
  };
}
