import type { FastifyInstance } from 'fastify';
import {
  createUserRequestSchema,
  setRolesRequestSchema,
  type GrantAssociationsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validate.js';
import type { UsersService } from './users.service.js';
import { actorOf, scopeOf } from '../../lib/request-actor.js';

const userIdParams = z.object({ id: z.string().uuid() });

export function usersRoutes(deps: { users: UsersService }) {
  return async (app: FastifyInstance) => {
    const managers = { access: ['admin', 'coordinator'] } as const;

    app.get('/api/users', { config: managers }, async (request) => ({
      users: await deps.users.list(scopeOf(actorOf(request))),
    }));

    app.get('/api/users/associations', { config: managers }, async (request) => {
      const response: GrantAssociationsResponse = {
        associations: await deps.users.grantAssociations(actorOf(request)),
      };
      return response;
    });

    app.post('/api/users', { config: managers }, async (request, reply) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
      const body = parseInput(createUserRequestSchema, request.body);
      const user = await deps.users.create(request.user, body);
      return reply.status(201).send({ user });
    });

    app.put('/api/users/:id/roles', { config: managers }, async (request) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
      const { id } = parseInput(userIdParams, request.params);
      const body = parseInput(setRolesRequestSchema, request.body);
      return { user: await deps.users.setRoles(request.user, id, body.roles, body.associationId) };
    });
  };
}
