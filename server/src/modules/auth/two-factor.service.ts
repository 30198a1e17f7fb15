import type { CurrentUser, TwoFactorEnrolment, TwoFactorStatus } from '@exam/shared/api';
import { hasAnyRole, staffRoles } from '@exam/shared/domain';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import * as authRepo from './auth.repo.js';
import type { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import {
  enrolmentPicture,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  verifyTotp,
} from './two-factor.js';
import type { TotpSecretBox } from './totp-secret-box.js';
import * as twoFactorRepo from './two-factor.repo.js';

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;

/** The roles that may turn on a second factor: every staff role, never a candidate. */
export const TWO_FACTOR_ROLES = staffRoles;

/** Administrators and coordinators (in any association) must have a second factor. */
export function mustHaveTwoFactor(user: Pick<CurrentUser, 'roles' | 'memberships'>): boolean {
  return (
    user.roles.includes('admin') ||
    user.roles.includes('coordinator') ||
    user.memberships.some((m) => m.roles.includes('coordinator'))
  );
}

export type SecondFactor = { code: string } | { recoveryCode: string };

/**
 * Enrolment (secret, QR code, a first code to confirm, ten recovery codes shown once), the
 * second step of a sign-in, turning it off, and an administrator's reset; every change audited.
 */
export function createTwoFactorService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendNow'>;
  /** Whether administrators and coordinators are held to enrolment (see config TWO_FACTOR_ENFORCED). */
  enforced: boolean;
  /** Called after an administrator's reset, to tell the user by mail. */
  onReset?: (user: authRepo.UserRow) => Promise<void>;
  /** Seals secrets at rest (AES-256-GCM); see totp-secret-box.ts. */
  secrets: TotpSecretBox;
  /** Counts a wrong password given to turn it off as a failed sign-in (see disable). */
  throttle: Pick<LoginThrottle, 'assertMayTry' | 'recordFailure'>;
}) {
  /** The stored secret in clear; one written before encryption is sealed on the way. */
  async function secretOf(row: Pick<authRepo.UserRow, 'id' | 'totpSecret'>) {
    if (!row.totpSecret) return null;
    const { secret, legacy } = deps.secrets.open(row.id, row.totpSecret);
    if (legacy) {
      await twoFactorRepo.sealSecret(deps.db, row.id, secret, deps.secrets.seal(row.id, secret));
    }
    return secret;
  }

  async function userRow(userId: string): Promise<authRepo.UserRow> {
    const row = await authRepo.findUserById(deps.db, userId);
    if (!row) throw new AppError('NOT_FOUND', 'No such user.');
    return row;
  }

  return {
    /** Seals every secret still stored in clear (written before encryption); run at start. */
    async sealClearSecrets(): Promise<number> {
      const rows = await twoFactorRepo.listClearSecrets(deps.db);
      for (const row of rows) await secretOf(row);
      return rows.length;
    },

    async status(user: CurrentUser): Promise<TwoFactorStatus> {
      const row = await userRow(user.id);
      return {
        enabled: row.totpEnabledAt !== null,
        required: deps.enforced && mustHaveTwoFactor(user),
        offered: hasAnyRole(user.roles, TWO_FACTOR_ROLES),
        recoveryCodesLeft: await twoFactorRepo.unusedRecoveryCodeCount(deps.db, user.id),
      };
    },

    /** A new secret awaiting its first code (the route offers it to staff only). */
    async startEnrolment(user: CurrentUser): Promise<TwoFactorEnrolment> {
      const row = await userRow(user.id);
      if (row.totpEnabledAt) {
        throw new AppError('CONFLICT', 'Two-factor sign-in is on already.', 409);
      }
      const secret = newTotpSecret();
      await twoFactorRepo.setPendingSecret(deps.db, user.id, deps.secrets.seal(user.id, secret));
      const picture = await enrolmentPicture({
        secret,
        issuer: 'Endorsement Exams',
        label: row.email,
      });
      return { secret, ...picture };
    },

    /** The first code proves the app holds the secret; then it is in force and codes are issued. */
    async confirmEnrolment(user: CurrentUser, code: string): Promise<string[]> {
      const row = await userRow(user.id);
      if (row.totpEnabledAt)
        throw new AppError('CONFLICT', 'Two-factor sign-in is on already.', 409);
      const secret = await secretOf(row);
      if (!secret) throw new AppError('CONFLICT', 'Start the enrolment first.', 409);
      const now = deps.clock.now();
      const step = await verifyTotp({ secret, code, now, lastStep: null });
      if (step === null) {
        throw new AppError(
          'TWO_FACTOR_CODE_WRONG',
          'That code is not the one the app shows now.',
          401,
        );
      }
      const codes = newRecoveryCodes();
      await deps.db.transaction(async (tx) => {
        await twoFactorRepo.enable(tx, user.id, now, step);
        await twoFactorRepo.replaceRecoveryCodes(tx, user.id, codes.map(hashRecoveryCode), now);
        await deps.audit.append(tx, {
          actorId: user.id,
          action: 'account.two_factor_enabled',
          subjectType: 'user',
          subjectId: user.id,
        });
      });
      return codes;
    },

    /**
     * Off, with the password to confirm; refused to those who must keep it. Wrong passwords
     * count as failed sign-ins, as a password change's do: a stolen session must not become a
     * way to guess the password (and then turn the second factor off with it).
     */
    async disable(user: CurrentUser, password: string, address: string): Promise<void> {
      if (deps.enforced && mustHaveTwoFactor(user)) {
        throw new AppError('FORBIDDEN', 'Your role requires two-factor sign-in.', 403);
      }
      const row = await userRow(user.id);
      await deps.throttle.assertMayTry(row.email, address);
      if (!(await verifyPassword(row.passwordHash, password))) {
        await deps.throttle.recordFailure(row.email, address);
        throw new AppError('CURRENT_PASSWORD_WRONG', 'That is not your current password.', 403);
      }
      await deps.db.transaction(async (tx) => {
        await twoFactorRepo.disable(tx, user.id);
        await deps.audit.append(tx, {
          actorId: user.id,
          action: 'account.two_factor_disabled',
          subjectType: 'user',
          subjectId: user.id,
        });
      });
    },

    /** An administrator clears a user's second factor (a lost device and no recovery code). */
    async adminReset(actor: CurrentUser, userId: string): Promise<void> {
      const row = await userRow(userId);
      await deps.db.transaction(async (tx) => {
        await twoFactorRepo.disable(tx, userId);
        await deps.audit.append(tx, {
          actorId: actor.id,
          action: 'account.two_factor_reset',
          subjectType: 'user',
          subjectId: userId,
          details: { wasEnabled: row.totpEnabledAt !== null },
        });
      });
      await deps.onReset?.(row);
    },

    /**
     * The second step of a sign-in: true when the code (or an unused recovery code) is right.
     * A code is used once; a recovery code is used once and its use audited.
     */
    async check(row: authRepo.UserRow, factor: SecondFactor): Promise<boolean> {
      if (!row.totpSecret || !row.totpEnabledAt) return false;
      const now = deps.clock.now();
      if ('code' in factor) {
        const secret = await secretOf(row);
        if (!secret) return false;
        const step = await verifyTotp({
          secret,
          code: factor.code,
          now,
          lastStep: row.totpLastStep,
        });
        return step !== null && (await twoFactorRepo.useStep(deps.db, row.id, step));
      }
      return deps.db.transaction(async (tx) => {
        const used = await twoFactorRepo.useRecoveryCode(
          tx,
          row.id,
          hashRecoveryCode(factor.recoveryCode),
          now,
        );
        if (!used) return false;
        await deps.audit.append(tx, {
          actorId: row.id,
          action: 'account.recovery_code_used',
          subjectType: 'user',
          subjectId: row.id,
          details: { left: await twoFactorRepo.unusedRecoveryCodeCount(tx, row.id) },
        });
        return true;
      });
    },
  };
}
