import type { FastifyInstance } from 'fastify';
import { sittingClockOverrideSchema, type SittingClockResponse } from '@exam/shared/api';
import { hasAnyRole } from '@exam/shared/domain';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { isAssignedProctor } from './admission.repo.js';
import type { SittingClockService } from './sitting-clock.js';

const idParams = z.object({ id: z.string().uuid() });
const staff = { access: ['proctor', 'coordinator', 'admin'] } as const;

/**
 * `/api/sittings/:id/clock`: when the sitting opens, turns late and closes by itself, and the
 * override (with a reason) that coordinators and the sitting's assigned proctors may use.
 */
export function sittingClockRoutes(deps: { db: Db; clock: SittingClockService }) {
  return async (app: FastifyInstance) => {
    async function allowed(request: Parameters<typeof actorOf>[0]) {
      const actor = actorOf(request);
      const scope = scopeOf(actor);
      const { id } = parseInput(idParams, request.params);
      if (
        !hasAnyRole(actor.roles, ['coordinator', 'admin']) &&
        !(await isAssignedProctor(deps.db, scope, id, actor.id))
      ) {
        // Another association's sitting and an unassigned one read alike.
        throw new AppError('NOT_FOUND', 'No such sitting.', 404);
      }
      return { actor, scope, id };
    }

    app.get('/api/sittings/:id/clock', { config: staff }, async (request) => {
      const { scope, id } = await allowed(request);
      const response: SittingClockResponse = { clock: await deps.clock.clockOf(scope, id) };
      return response;
    });

    app.post('/api/sittings/:id/clock', { config: staff }, async (request) => {
      const { actor, scope, id } = await allowed(request);
      const body = parseInput(sittingClockOverrideSchema, request.body);
      const response: SittingClockResponse = {
        clock: await deps.clock.override(actor, scope, id, body),
      };
      return response;
    });
  };
}
