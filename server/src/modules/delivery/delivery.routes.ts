import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { restoreResponseRequestSchema } from '@exam/shared/api';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { ResponseHistoryService } from './response-history.js';
import type { ResponseOverviewService } from './response-overview.js';

const attemptParams = z.object({ attemptId: z.string().uuid() });
const responseParams = z.object({
  attemptId: z.string().uuid(),
  vignette: z.coerce.number().int().min(1).max(10),
});

/**
 * Coordinator routes over delivered attempts: an attempt's Part Two responses, a response's
 * history and restoring a version.
 */
export function deliveryRoutes(deps: {
  history: ResponseHistoryService;
  overview: ResponseOverviewService;
}) {
  return async (app: FastifyInstance) => {
    const coordinators = { access: ['coordinator', 'admin'] } as const;

    app.get('/api/attempts/:attemptId/responses', { config: coordinators }, async (request) => {
      const { attemptId } = parseInput(attemptParams, request.params);
      return deps.overview.overview(scopeOf(actorOf(request)), attemptId);
    });

    app.get(
      '/api/attempts/:attemptId/responses/:vignette/history',
      { config: coordinators },
      async (request) => {
        const { attemptId, vignette } = parseInput(responseParams, request.params);
        return deps.history.history(scopeOf(actorOf(request)), attemptId, vignette);
      },
    );

    app.post(
      '/api/attempts/:attemptId/responses/:vignette/restore',
      { config: coordinators },
      async (request) => {
        const actor = actorOf(request);
        const { attemptId, vignette } = parseInput(responseParams, request.params);
        const body = parseInput(restoreResponseRequestSchema, request.body);
        return deps.history.restore(scopeOf(actor), {
          attemptId,
          vignette,
          ...body,
          actorId: actor.id,
        });
      },
    );
  };
}
