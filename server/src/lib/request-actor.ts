import type { FastifyRequest } from 'fastify';
import type { CurrentUser } from '@exam/shared/api';
import { AppError } from './app-error.js';

/**
 * The signed-in user a route acts for. The auth plugin has already refused a route's anonymous
 * callers by its declared access, so this throwing means a route declared `public` and then
 * needed a user: refused as unauthenticated rather than run without an actor for the audit log.
 */
export function actorOf(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return request.user;
}
