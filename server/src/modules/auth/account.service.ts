import { checkPassword } from '@exam/shared/domain';
import type { AccountSession, CurrentUser } from '@exam/shared/api';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { AuditService } from '../audit/index.js';
import * as authRepo from './auth.repo.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { sessionIdFromToken } from './sessions.service.js';
import type { LoginThrottle } from './login-throttle.js';
import { summariseUserAgent } from './user-agent.js';

export type AccountService = ReturnType<typeof createAccountService>;

/** Refuses a password the shared policy refuses, with its reasons (the form shows the same). */
export async function assertPasswordAllowed(
  password: string,
  account: { email: string; displayName: string },
): Promise<void> {
  const verdict = await checkPassword(password, account);
  if (!verdict.ok) {
    throw new AppError('WEAK_PASSWORD', verdict.reasons[0] ?? 'Choose a stronger password.', 400, {
      reasons: verdict.reasons,
    });
  }
}

/** A signed-in user's own account: their password and their sessions. */
export function createAccountService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendNow'>;
  events: Pick<EventBus, 'publish'>;
  throttle: LoginThrottle;
  /** Told after a password was changed or reset ("if this was not you…" mail). */
  onPasswordChanged?: (user: authRepo.UserRow, tx: DbOrTx) => Promise<void>;
}) {
  const announce = (ids: readonly string[]) => {
    for (const sessionId of ids) deps.events.publish({ kind: 'session', sessionId });
  };

  return {
    /**
     * Sets a new password (the current one required) and ends every other session: whoever else
     * held one, the new password is what keeps them out now.
     */
    async changePassword(
      user: CurrentUser,
      token: string,
      input: { currentPassword: string; newPassword: string; address: string },
    ): Promise<void> {
      const row = await authRepo.findUserById(deps.db, user.id);
      if (!row) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
      await deps.throttle.assertMayTry(row.email, input.address);
      if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
        // A stolen session must not become a way to guess the password.
        await deps.throttle.recordFailure(row.email, input.address);
        throw new AppError('CURRENT_PASSWORD_WRONG', 'That is not your current password.', 403);
      }
      await assertPasswordAllowed(input.newPassword, row);
      const hash = await hashPassword(input.newPassword);
      const ended = await deps.db.transaction(async (tx) => {
        await authRepo.setPasswordHash(tx, row.id, hash);
        const ids = await authRepo.revokeSessionsOf(
          tx,
          row.id,
          sessionIdFromToken(token),
          deps.clock.now(),
        );
        await deps.audit.append(tx, {
          actorId: row.id,
          action: 'account.password_changed',
          subjectType: 'user',
          subjectId: row.id,
          details: { sessionsEnded: ids.length },
        });
        await deps.onPasswordChanged?.(row, tx);
        return ids;
      });
      announce(ended);
    },

    async sessions(user: CurrentUser, token: string): Promise<AccountSession[]> {
      const current = sessionIdFromToken(token);
      const rows = await authRepo.findLiveSessionsOf(deps.db, user.id, deps.clock.now());
      return rows.map((row) => ({
        id: row.id,
        device: summariseUserAgent(row.userAgent),
        address: row.address,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
        current: row.id === current,
      }));
    },

    /** Ends one of the user's own sessions (their current one too, which signs them out). */
    async revokeSession(user: CurrentUser, sessionId: string): Promise<void> {
      const done = await deps.db.transaction(async (tx) => {
        const ok = await authRepo.revokeSessionOf(tx, user.id, sessionId, deps.clock.now());
        if (ok) {
          await deps.audit.append(tx, {
            actorId: user.id,
            action: 'account.session_revoked',
            subjectType: 'user',
            subjectId: user.id,
            // The session id is the hash of its cookie; its first characters tell sessions apart.
            details: { session: sessionId.slice(0, 12) },
          });
        }
        return ok;
      });
      if (!done) throw new AppError('NOT_FOUND', 'No such session.');
      announce([sessionId]);
    },
  };
}
