import fp from 'fastify-plugin';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { hasAnyRole, type Role } from '@exam/shared/domain';
import type { CurrentUser } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import { assertSameOrigin } from '../../lib/same-origin.js';
import { SESSION_COOKIE, type RouteAccess } from './access.js';
import type { AuthService } from './auth.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    sessionToken: string | undefined;
    /** A signed-in administrator or coordinator who has not enrolled a second factor yet. */
    twoFactorEnrolmentRequired: boolean;
  }
  interface FastifyInstance {
    /** Every route registered, with its declared access; the authorization test walks this. */
    routeAccess: { method: string; url: string; access: RouteAccess }[];
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the session cookie on every request, refuses state-changing requests from other
 * origins, and enforces the roles each route declares. A route without a declaration fails
 * registration, so no route can forget its roles.
 */
export default fp<{ auth: AuthService; publicOrigin: string }>(
  async (app, options) => {
    app.decorateRequest('user', null);
    app.decorateRequest('sessionToken', undefined);
    app.decorateRequest('twoFactorEnrolmentRequired', false);
    app.decorate('routeAccess', []);

    app.addHook('onRoute', (route: RouteOptions) => {
      const access = route.config?.access;
      const url = route.url;
      if (!url.startsWith('/api/') && !url.startsWith('/ws')) return;
      if (!access) throw new Error(`Route ${String(route.method)} ${url} declares no access`);
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        app.routeAccess.push({ method, url, access });
      }
    });

    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE];
      request.sessionToken = token;
      const session = await options.auth.sessionForToken(token);
      request.user = session?.user ?? null;
      request.twoFactorEnrolmentRequired = session?.enrolmentRequired ?? false;
      if (STATE_CHANGING.has(request.method)) assertSameOrigin(request, options.publicOrigin);
    });

    app.addHook('preHandler', async (request) => {
      enforceAccess(request, request.routeOptions.config.access);
      // The server, not the client, holds an unenrolled administrator or coordinator to
      // enrolment: until then their session opens only the routes marked for it.
      if (
        request.twoFactorEnrolmentRequired &&
        request.user &&
        // Static files (the client itself) declare no access and stay open.
        request.routeOptions.config.access !== undefined &&
        request.routeOptions.config.access !== 'public' &&
        !request.routeOptions.config.beforeTwoFactor
      ) {
        throw new AppError(
          'TWO_FACTOR_ENROLMENT_REQUIRED',
          'Turn on two-factor sign-in first: your role requires it.',
          403,
        );
      }
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);

export function enforceAccess(request: FastifyRequest, access: RouteAccess | undefined): void {
  if (access === undefined || access === 'public') return;
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
  if (access === 'authenticated') return;
  if (!hasAnyRole(request.user.roles, access as readonly Role[])) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this.', 403);
  }
}
