import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

/**
 * Refuses a request (or, `what` = 'Websocket', an upgrade) that did not come from this site. It
 * lives in lib/ because both the auth plugin (state-changing requests) and the socket transport
 * (upgrades) need it, and the transport must not depend on a domain module.
 */
export function assertSameOrigin(
  request: FastifyRequest,
  publicOrigin: string,
  what: 'Request' | 'Websocket' = 'Request',
): void {
  const origin = request.headers.origin;
  if (origin !== publicOrigin) {
    throw new AppError('BAD_ORIGIN', `${what} refused: it did not come from this site.`, 403);
  }
}
