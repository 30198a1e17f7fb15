import type { FastifyInstance } from 'fastify';
import {
  accommodationsInputSchema,
  type CandidateListResponse,
  type CandidateResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { consoleAccess } from './route-helpers.js';
import type { SittingsService } from './sittings.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** Candidates and their accommodations, for the coordinator console. */
export function candidatesRoutes(deps: {
  sittings: Pick<SittingsService, 'listCandidates' | 'getCandidate' | 'updateAccommodations'>;
}) {
  return async (app: FastifyInstance) => {
    const { sittings } = deps;

    app.get('/api/candidates', { config: consoleAccess }, async (request) => {
      const response: CandidateListResponse = {
        candidates: await sittings.listCandidates(scopeOf(actorOf(request))),
      };
      return response;
    });

    app.get('/api/candidates/:id', { config: consoleAccess }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: CandidateResponse = {
        candidate: await sittings.getCandidate(scopeOf(actorOf(request)), id),
      };
      return response;
    });

    app.put('/api/candidates/:id/accommodations', { config: consoleAccess }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(accommodationsInputSchema, request.body);
      const response: CandidateResponse = {
        candidate: await sittings.updateAccommodations(actor, scopeOf(actor), id, body),
      };
      return response;
    });
  };
}
