import type { FastifyRequest } from 'fastify';
import type { CurrentUser } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';

/** The coordinator console's routes admit coordinators and admins. */
export const consoleAccess = { access: ['coordinator', 'admin'] } as const;

export function actorOf(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
  return request.user;
}

/** A file name that is safe in a Content-Disposition header. */
export function attachmentName(sittingName: string, kind: string): string {
  const slug = sittingName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'sitting'}-${kind}.csv`;
}
