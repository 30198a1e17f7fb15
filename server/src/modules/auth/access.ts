import type { Role } from '@exam/shared/domain';

/** What every route must declare: who may call it. */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * Open to a signed-in administrator or coordinator who has not enrolled a second factor yet
     * (the session, sign-out and the enrolment itself); every other route refuses them.
     */
    beforeTwoFactor?: true;
  }
}

export const SESSION_COOKIE = 'sid';
