import type { FastifyRequest } from 'fastify';
import { assertSameOrigin } from '../lib/same-origin.js';

/**
 * A `preValidation` hook for socket routes: the upgrade is refused from foreign origins before
 * any socket exists. Browsers send `Origin` on every websocket upgrade and cookies ride along
 * cross-site, so without this any page could open a signed-in candidate's exam socket.
 */
export function sameOriginUpgrade(publicOrigin: string) {
  return async (request: FastifyRequest): Promise<void> => {
    assertSameOrigin(request, publicOrigin, 'Websocket');
  };
}
