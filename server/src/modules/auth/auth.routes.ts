import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  actForAssociationRequestSchema,
  loginRequestSchema,
  twoFactorLoginRequestSchema,
  type LoginResponse,
  type SessionResponse,
} from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { SESSION_COOKIE } from './access.js';
import type { AuthService, LoginOutcome } from './auth.service.js';

export function authRoutes(deps: { auth: AuthService; secureCookies: boolean; embedded: boolean }) {
  // Set and cleared with the same attributes: a browser matches a cookie by them, and the
  // clearing header must be as safe to send as the setting one.
  const cookieAttributes = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.secureCookies,
  } as const;

  return async (app: FastifyInstance) => {
    const opened = (
      reply: FastifyReply,
      outcome: LoginOutcome & { kind: 'session' },
    ): SessionResponse => {
      reply.setCookie(SESSION_COOKIE, outcome.token, {
        ...cookieAttributes,
        expires: outcome.expiresAt,
      });
      return {
        user: outcome.user,
        embeddedDatabase: deps.embedded,
        twoFactorEnrolmentRequired: outcome.enrolmentRequired,
      };
    };
    const clientOf = (request: FastifyRequest) => ({
      address: request.ip,
      userAgent: request.headers['user-agent'],
      previousToken: request.sessionToken,
    });

    app.post('/api/auth/login', { config: { access: 'public' } }, async (request, reply) => {
      const body = parseInput(loginRequestSchema, request.body);
      const outcome = await deps.auth.login({ ...body, ...clientOf(request) });
      if (outcome.kind === 'two-factor') {
        const challenge: LoginResponse = {
          twoFactorRequired: true,
          pendingToken: outcome.pendingToken,
          expiresAt: outcome.expiresAt.toISOString(),
        };
        return challenge;
      }
      const response: LoginResponse = opened(reply, outcome);
      return response;
    });

    // The second step of a sign-in with two-factor: the pending token and a code.
    app.post(
      '/api/auth/login/two-factor',
      { config: { access: 'public' } },
      async (request, reply) => {
        const body = parseInput(twoFactorLoginRequestSchema, request.body);
        const outcome = await deps.auth.completeTwoFactor({
          pendingToken: body.pendingToken,
          factor: 'code' in body ? { code: body.code } : { recoveryCode: body.recoveryCode },
          ...clientOf(request),
        });
        return opened(reply, outcome);
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { access: 'authenticated', beforeTwoFactor: true } },
      async (request, reply) => {
        if (request.sessionToken) await deps.auth.logout(request.sessionToken, request.user);
        reply.clearCookie(SESSION_COOKIE, cookieAttributes);
        return reply.status(204).send();
      },
    );

    const sessionOf = (
      request: FastifyRequest,
      user: SessionResponse['user'],
    ): SessionResponse => ({
      user,
      embeddedDatabase: deps.embedded,
      twoFactorEnrolmentRequired: request.twoFactorEnrolmentRequired,
    });

    app.get(
      '/api/auth/session',
      { config: { access: 'authenticated', beforeTwoFactor: true } },
      async (request) => {
        if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
        return sessionOf(request, request.user);
      },
    );

    // What the client asks on every page load: the session, or 204 when nobody is signed in.
    // Asking /api/auth/session instead makes every visit to the sign-in page log a failed (401)
    // request in the browser's console, which reads as a fault to anyone watching it.
    app.get(
      '/api/auth/session/current',
      { config: { access: 'public' } },
      async (request, reply) => {
        if (!request.user) return reply.status(204).send();
        return sessionOf(request, request.user);
      },
    );

    // A proctor who works for two associations chooses which one they act for.
    app.post('/api/auth/association', { config: { access: 'authenticated' } }, async (request) => {
      const body = parseInput(actForAssociationRequestSchema, request.body);
      const actor = actorOf(request);
      if (!request.sessionToken) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
      const user = await deps.auth.actFor(request.sessionToken, actor, body.associationId);
      const response: SessionResponse = { user, embeddedDatabase: deps.embedded };
      return response;
    });
  };
}
