import type { FastifyInstance } from 'fastify';
import {
  scoringCorrectionRequestSchema,
  type ScoringCorrectionResult,
  type ScoringCorrectionsResponse,
} from '@exam/shared/api';
import type { CurrentUser } from '@exam/shared/api';
import { hasAnyRole } from '@exam/shared/domain';
import { z } from 'zod';
import { programmeScope, type Scope } from '../../db/association-scope.js';
import { parseInput } from '../../lib/validate.js';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import type { ScoringCorrectionsService } from './scoring-corrections.service.js';

const idParams = z.object({ id: z.string().uuid() });

/**
 * A key correction is the programme's business: administrators and psychometricians reach
 * every association's sittings; a coordinator only the sittings of the association they act for.
 */
function correctionsScopeOf(actor: CurrentUser): Scope {
  return hasAnyRole(actor.roles, ['admin', 'psychometrician']) ? programmeScope : scopeOf(actor);
}

/** Re-keying and voiding items of a sitting, for coordinators and the programme's staff. */
export function scoringCorrectionsRoutes(deps: { corrections: ScoringCorrectionsService }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin', 'psychometrician'] } as const;

    app.get('/api/scoring-corrections/sittings/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const scope = correctionsScopeOf(actorOf(request));
      const response: ScoringCorrectionsResponse = await deps.corrections.list(scope, id);
      return response;
    });

    app.post('/api/scoring-corrections/sittings/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(scoringCorrectionRequestSchema, request.body);
      const actor = actorOf(request);
      const response: ScoringCorrectionResult = await deps.corrections.correct(
        correctionsScopeOf(actor),
        actor,
        id,
        body,
      );
      return response;
    });
  };
}
