import type { FastifyInstance } from 'fastify';
import {
  acceptInvitationRequestSchema,
  forgotPasswordRequestSchema,
  passwordCheckRequestSchema,
  resetPasswordRequestSchema,
  tokenRequestSchema,
  type InvitationInfo,
  type PasswordCheckResponse,
  type PendingInvitationsResponse,
  type SessionResponse,
} from '@exam/shared/api';
import { checkPassword } from '@exam/shared/domain';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { actorOf } from '../../lib/request-actor.js';
import { scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { SESSION_COOKIE } from './access.js';
import type { AuthService } from './auth.service.js';
import type { InvitationsService } from './invitations.service.js';
import type { PasswordResetService } from './password-reset.service.js';

const idParamsSchema = z.object({ id: z.string().uuid() });

/**
 * Reset requests one address may send a minute: each costs a password hash (the timing cover)
 * and may queue a mail, so a script must not be able to spend either freely. A person who
 * forgot their password asks once or twice; an office behind one address (a clinic, a
 * university) still has room, as letter verification does.
 */
export const RESET_REQUESTS_PER_MINUTE = 30;

/** The mailed links (invitation, reset, unlock) and the staff's view of open invitations. */
export function accountLinksRoutes(deps: {
  auth: AuthService;
  invitations: InvitationsService;
  reset: PasswordResetService;
  secureCookies: boolean;
  embedded: boolean;
}) {
  return async (app: FastifyInstance) => {
    // The policy's verdict for the new-password fields (invitation, reset, change), so the form
    // says why before it is sent; it reads no account and stores nothing.
    app.post('/api/auth/password-check', { config: { access: 'public' } }, async (request) => {
      const { password, email, displayName } = parseInput(passwordCheckRequestSchema, request.body);
      const verdict: PasswordCheckResponse = await checkPassword(password, { email, displayName });
      return verdict;
    });

    const resetRequests = new RateLimiterMemory({
      points: RESET_REQUESTS_PER_MINUTE,
      duration: 60,
    });
    // The same answer whether or not the address has an account.
    app.post(
      '/api/auth/forgot-password',
      { config: { access: 'public' } },
      async (request, reply) => {
        const { email } = parseInput(forgotPasswordRequestSchema, request.body);
        try {
          await resetRequests.consume(request.ip);
        } catch {
          throw new AppError(
            'RATE_LIMITED',
            'Too many requests; wait a minute and try again.',
            429,
          );
        }
        await deps.reset.request(email);
        return reply.status(202).send({ ok: true });
      },
    );

    app.post(
      '/api/auth/reset-password',
      { config: { access: 'public' } },
      async (request, reply) => {
        const body = parseInput(resetPasswordRequestSchema, request.body);
        await deps.reset.reset(body.token, body.password);
        return reply.status(204).send();
      },
    );

    app.post('/api/auth/unlock', { config: { access: 'public' } }, async (request, reply) => {
      const { token } = parseInput(tokenRequestSchema, request.body);
      await deps.reset.unlock(token);
      return reply.status(204).send();
    });

    // POST, not GET: the token stays out of access logs and caches.
    app.post('/api/auth/invitation', { config: { access: 'public' } }, async (request) => {
      const { token } = parseInput(tokenRequestSchema, request.body);
      const response: InvitationInfo = await deps.invitations.info(token);
      return response;
    });

    app.post(
      '/api/auth/invitation/accept',
      { config: { access: 'public' } },
      async (request, reply) => {
        const body = parseInput(acceptInvitationRequestSchema, request.body);
        const userId = await deps.invitations.accept(body);
        const session = await deps.auth.signIn(userId, {
          address: request.ip,
          userAgent: request.headers['user-agent'],
          previousToken: request.sessionToken,
        });
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies,
          expires: session.expiresAt,
        });
        const response: SessionResponse = {
          user: session.user,
          embeddedDatabase: deps.embedded,
          twoFactorEnrolmentRequired: session.enrolmentRequired,
        };
        return response;
      },
    );

    app.get(
      '/api/invitations',
      { config: { access: ['coordinator', 'admin'] } },
      async (request) => {
        const response: PendingInvitationsResponse = {
          invitations: await deps.invitations.list(scopeOf(actorOf(request))),
        };
        return response;
      },
    );

    app.post(
      '/api/invitations/:id/resend',
      { config: { access: ['coordinator', 'admin'] } },
      async (request, reply) => {
        const { id } = parseInput(idParamsSchema, request.params);
        const actor = actorOf(request);
        await deps.invitations.resend(actor, scopeOf(actor), id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/invitations/:id/revoke',
      { config: { access: ['coordinator', 'admin'] } },
      async (request, reply) => {
        const { id } = parseInput(idParamsSchema, request.params);
        const actor = actorOf(request);
        await deps.invitations.revoke(actor, scopeOf(actor), id);
        return reply.status(204).send();
      },
    );
  };
}
