import { createHash, randomBytes } from 'node:crypto';
import { adminAccountSchema, type AdminAccount, type UserSummary } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { parseInput } from '../../lib/validate.js';
import type { AuditService } from '../audit/index.js';
import { hashPassword, type UsersService } from '../auth/index.js';
import * as setupRepo from './setup.repo.js';

/** How long a printed setup link works. */
export const SETUP_LINK_HOURS = 24;

export type SetupService = ReturnType<typeof createSetupService>;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const linkInvalid = () =>
  new AppError(
    'SETUP_LINK_INVALID',
    'This setup link no longer works: it was used, has expired, or a newer one was printed. ' +
      'Restart the server for a new link, or run `npm run admin:create` on the server.',
    410,
  );

const setupClosed = () =>
  new AppError(
    'SETUP_LINK_INVALID',
    'An administrator already exists, so setup links no longer work. Sign in instead.',
    410,
  );

/**
 * A production deployment starts with no accounts at all (the demo is never seeded there). Its
 * first administrator comes from the one-time link printed at start while none exists, or from
 * `npm run admin:create` on the server. Both are audited.
 */
export function createSetupService(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'hasAdministrator' | 'createAdministratorWithin'>;
}) {
  return {
    /**
     * When no administrator exists, a new one-time link token (every older unused link stops
     * working); otherwise undefined. Only the token's hash is stored.
     */
    async openLinkIfNoAdministrator(): Promise<{ token: string; expiresAt: Date } | undefined> {
      return deps.db.transaction(async (tx) => {
        await setupRepo.lockFirstAdmin(tx);
        if (await deps.users.hasAdministrator(tx)) return undefined;
        const token = randomBytes(32).toString('base64url');
        const createdAt = deps.clock.now();
        const expiresAt = new Date(createdAt.getTime() + SETUP_LINK_HOURS * 3_600_000);
        await setupRepo.replaceUnusedTokens(tx, {
          tokenHash: hashToken(token),
          createdAt,
          expiresAt,
        });
        await deps.audit.append(tx, {
          actorId: null,
          action: 'setup.link_issued',
          subjectType: 'setup',
          subjectId: 'first-administrator',
          details: { expiresAt: expiresAt.toISOString() },
        });
        return { token, expiresAt };
      });
    },

    /** Refuses a link that would not work, so the page can say so before anything is typed. */
    async checkLink(token: string): Promise<void> {
      if (await deps.users.hasAdministrator()) throw setupClosed();
      if (!(await setupRepo.isUsable(deps.db, hashToken(token), deps.clock.now()))) {
        throw linkInvalid();
      }
    },

    /**
     * Creates the first administrator and uses up the link, in one transaction: a refusal
     * (the email taken, say) leaves the link working.
     */
    async completeWithLink(token: string, account: AdminAccount): Promise<UserSummary> {
      // Hashed before the transaction: argon2 takes a while and the lock need not wait for it.
      const passwordHash = await hashPassword(account.password);
      return deps.db.transaction(async (tx) => {
        await setupRepo.lockFirstAdmin(tx);
        if (await deps.users.hasAdministrator(tx)) throw setupClosed();
        if (!(await setupRepo.consume(tx, hashToken(token), deps.clock.now()))) {
          throw linkInvalid();
        }
        const { email, displayName } = account;
        return deps.users.createAdministratorWithin(
          tx,
          { email, displayName, passwordHash },
          'setup-link',
        );
      });
    },

    /** `npm run admin:create`: an administrator, first or not; refuses a weak password or a taken email. */
    async createAdministrator(input: unknown): Promise<UserSummary> {
      const account = parseInput(adminAccountSchema, input);
      const passwordHash = await hashPassword(account.password);
      return deps.db.transaction(async (tx) => {
        await setupRepo.lockFirstAdmin(tx);
        const { email, displayName } = account;
        return deps.users.createAdministratorWithin(
          tx,
          { email, displayName, passwordHash },
          'command',
        );
      });
    },
  };
}
