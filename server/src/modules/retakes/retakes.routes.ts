import type { FastifyInstance } from 'fastify';
import {
  retakeDeclineSchema,
  retakeRequestInputSchema,
  type MyRetakesResponse,
  type RetakeRequestResponse,
  type RetakeRequestsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { RetakesService } from './retakes.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** `/api/retakes`: the candidate's standing and requests; the coordinator's decisions. */
export function retakesRoutes(deps: { retakes: RetakesService }) {
  return async (app: FastifyInstance) => {
    const candidate = { access: ['candidate'] } as const;
    const staff = { access: ['coordinator', 'admin'] } as const;
    const { retakes } = deps;

    app.get('/api/retakes/mine', { config: candidate }, async (request) => {
      const response: MyRetakesResponse = await retakes.mine(actorOf(request));
      return response;
    });

    app.post('/api/retakes', { config: candidate }, async (request, reply) => {
      const body = parseInput(retakeRequestInputSchema, request.body);
      const response: RetakeRequestResponse = {
        request: await retakes.request(actorOf(request), body),
      };
      return reply.status(201).send(response);
    });

    app.get('/api/retakes', { config: staff }, async (request) => {
      const response: RetakeRequestsResponse = {
        requests: await retakes.list(scopeOf(actorOf(request))),
      };
      return response;
    });

    app.post('/api/retakes/:id/approve', { config: staff }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const response: RetakeRequestResponse = {
        request: await retakes.approve(actor, scopeOf(actor), id),
      };
      return response;
    });

    app.post('/api/retakes/:id/decline', { config: staff }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const { reason } = parseInput(retakeDeclineSchema, request.body);
      const response: RetakeRequestResponse = {
        request: await retakes.decline(actor, scopeOf(actor), id, reason),
      };
      return response;
    });
  };
}
