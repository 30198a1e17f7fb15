import type { FastifyInstance } from 'fastify';
import {
  decideLateChangeRequestSchema,
  type LateChangeResponse,
  type LateChangesResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { LateChangeDecisions } from './late-change-decisions.js';

const sittingParams = z.object({ sittingId: z.string().uuid() });
const idParams = z.object({ id: z.string().uuid() });

/**
 * Held late changes: the proctor console and the coordinator's sitting page list them and decide
 * each one. Proctors only for sittings they are assigned to (checked in the service).
 */
export function lateChangeRoutes(deps: { lateChanges: LateChangeDecisions }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['proctor', 'coordinator', 'admin'] } as const;

    app.get(
      '/api/proctoring/sittings/:sittingId/late-changes',
      { config: staff },
      async (request) => {
        const { sittingId } = parseInput(sittingParams, request.params);
        const response: LateChangesResponse = {
          lateChanges: await deps.lateChanges.list(actorOf(request), sittingId),
        };
        return response;
      },
    );

    app.post('/api/proctoring/late-changes/:id/decision', { config: staff }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const { decision, reason } = parseInput(decideLateChangeRequestSchema, request.body);
      const response: LateChangeResponse = {
        lateChange: await deps.lateChanges.decide(actor, id, decision, reason),
      };
      return response;
    });
  };
}
