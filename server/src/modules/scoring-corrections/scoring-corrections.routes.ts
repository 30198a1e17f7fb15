import type { FastifyInstance } from 'fastify';
import {
  scoringCorrectionRequestSchema,
  type ScoringCorrectionResult,
  type ScoringCorrectionsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { actorOf, programmeStaffScopeOf } from '../../lib/request-actor.js';
import type { ScoringCorrectionsService } from './scoring-corrections.service.js';

const idParams = z.object({ id: z.string().uuid() });

/**
 * Re-keying and voiding items of a sitting. A key correction is the programme's business:
 * administrators and psychometricians reach every association's sittings, a coordinator only
 * those of the association they act for.
 */
export function scoringCorrectionsRoutes(deps: { corrections: ScoringCorrectionsService }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin', 'psychometrician'] } as const;

    app.get('/api/scoring-corrections/sittings/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const scope = programmeStaffScopeOf(actorOf(request));
      const response: ScoringCorrectionsResponse = await deps.corrections.list(scope, id);
      return response;
    });

    app.post('/api/scoring-corrections/sittings/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(scoringCorrectionRequestSchema, request.body);
      const actor = actorOf(request);
      const response: ScoringCorrectionResult = await deps.corrections.correct(
        programmeStaffScopeOf(actor),
        actor,
        id,
        body,
      );
      return response;
    });
  };
}
