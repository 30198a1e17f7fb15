import type { FastifyInstance } from 'fastify';
import {
  scoringCorrectionRequestSchema,
  type ScoringCorrectionResult,
  type ScoringCorrectionsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { actorOf } from '../../lib/request-actor.js';
import type { ScoringCorrectionsService } from './scoring-corrections.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** Re-keying and voiding items of a sitting, for coordinators. */
export function scoringCorrectionsRoutes(deps: { corrections: ScoringCorrectionsService }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;

    app.get('/api/scoring-corrections/sittings/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: ScoringCorrectionsResponse = await deps.corrections.list(id);
      return response;
    });

    app.post('/api/scoring-corrections/sittings/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(scoringCorrectionRequestSchema, request.body);
      const response: ScoringCorrectionResult = await deps.corrections.correct(
        actorOf(request),
        id,
        body,
      );
      return response;
    });
  };
}
