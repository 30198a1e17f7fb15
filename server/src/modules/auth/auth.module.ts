import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { AuditService } from '../audit/index.js';
import type { AppModule } from '../module.js';
import { accountLinksRoutes } from './account-links.routes.js';
import { mailUser, type AccountOutbox } from './account-mail.js';
import { accountRoutes } from './account.routes.js';
import { createInvitationsService } from './invitations.service.js';
import { createTotpSecretBox } from './totp-secret-box.js';
import { createPasswordResetService } from './password-reset.service.js';
import { createAccountService } from './account.service.js';
import { associationsRoutes } from './associations.routes.js';
import { createAssociationsService } from './associations.service.js';
import authPlugin from './auth.plugin.js';
import { authRoutes } from './auth.routes.js';
import { createAuthService } from './auth.service.js';
import { timeZoneRoutes } from './time-zone.routes.js';
import { createLoginThrottle } from './login-throttle.js';
import { createTwoFactorService } from './two-factor.service.js';
import { usersRoutes } from './users.routes.js';
import { createUsersService } from './users.service.js';

export type AuthModule = ReturnType<typeof createAuthModule>;

/**
 * Sessions and accounts. Its plugin resolves the session and enforces every route's declared
 * access, so app.ts registers it before any module's routes.
 */
export function createAuthModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendNow'>;
  sessionTtlHours: number;
  publicOrigin: string;
  secureCookies: boolean;
  /** PGlite: the sign-in page offers the demo logins. */
  embedded: boolean;
  events: Pick<EventBus, 'publish'>;
  /** Administrators and coordinators must enrol a second factor (config TWO_FACTOR_ENFORCED). */
  twoFactorEnforced: boolean;
  /** The mail queue's outbox: invitations, resets, unlock links and account notices. */
  outbox: AccountOutbox;
  invitationTtlHours: number;
  /** The AES-256 key that seals TOTP secrets at rest (see totp-secret-box.ts). */
  totpKey: Buffer;
  /** After someone's roles changed: open staff sockets, on every instance, check their access. */
  rolesChanged?: () => void;
}) {
  const throttle = createLoginThrottle(deps);
  const reset = createPasswordResetService({ ...deps, throttle });
  const invitations = createInvitationsService(deps);
  const twoFactor = createTwoFactorService({
    ...deps,
    throttle,
    enforced: deps.twoFactorEnforced,
    secrets: createTotpSecretBox(deps.totpKey),
    onReset: (user) => mailUser(deps.outbox, deps.db, user, { kind: 'two-factor-reset' }),
  });
  const auth = createAuthService({
    ...deps,
    throttle,
    twoFactor,
    onAccountLocked: (user, until) => reset.mailUnlock(user, until),
  });
  const account = createAccountService({
    ...deps,
    throttle,
    onPasswordChanged: (user, tx) => mailUser(deps.outbox, tx, user, { kind: 'password-changed' }),
  });
  const users = createUsersService({ ...deps, invitations });
  const associations = createAssociationsService(deps);
  return {
    auth,
    users,
    associations,
    account,
    twoFactor,
    invitations,
    // Secrets written before encryption are sealed once the app is ready (and on any read).
    start: async () => {
      await twoFactor.sealClearSecrets();
    },
    plugin: fp(async (app: FastifyInstance) => {
      await app.register(authPlugin, { auth, publicOrigin: deps.publicOrigin });
    }),
    routes: async (app) => {
      await app.register(authRoutes({ auth, ...deps }));
      await app.register(usersRoutes({ users }));
      await app.register(accountRoutes({ account, twoFactor }));
      await app.register(accountLinksRoutes({ auth, invitations, reset, ...deps }));
      await app.register(associationsRoutes({ associations }));
      await app.register(timeZoneRoutes(deps));
    },
  } satisfies AppModule & Record<string, unknown>;
}
