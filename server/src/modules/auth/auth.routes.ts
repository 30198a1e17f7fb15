import type { FastifyInstance } from 'fastify';
import {
  actForAssociationRequestSchema,
  loginRequestSchema,
  type SessionResponse,
} from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { SESSION_COOKIE } from './access.js';
import type { AuthService } from './auth.service.js';

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
    app.post('/api/auth/login', { config: { access: 'public' } }, async (request, reply) => {
      const body = parseInput(loginRequestSchema, request.body);
      const { token, user, expiresAt } = await deps.auth.login({
        ...body,
        address: request.ip,
        previousToken: request.sessionToken,
      });
      reply.setCookie(SESSION_COOKIE, token, { ...cookieAttributes, expires: expiresAt });
      const response: SessionResponse = { user, embeddedDatabase: deps.embedded };
      return response;
    });

    app.post(
      '/api/auth/logout',
      { config: { access: 'authenticated' } },
      async (request, reply) => {
        if (request.sessionToken) await deps.auth.logout(request.sessionToken, request.user);
        reply.clearCookie(SESSION_COOKIE, cookieAttributes);
        return reply.status(204).send();
      },
    );

    app.get('/api/auth/session', { config: { access: 'authenticated' } }, async (request) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
      const response: SessionResponse = { user: request.user, embeddedDatabase: deps.embedded };
      return response;
    });

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
