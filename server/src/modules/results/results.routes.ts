import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  gradingRulesSchema,
  type GradingRulesResponse,
  type MyResultsResponse,
  type ReleaseResponse,
  type ResultsSittingListResponse,
  type SittingReviewResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { ResultsService } from './results.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** Results review, release and exports for coordinators; a candidate's own results. */
export function resultsRoutes(deps: { results: ResultsService }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;
    const { results } = deps;

    app.get('/api/results/sittings', { config: staff }, async (request) => {
      const response: ResultsSittingListResponse = await results.listSittings(
        scopeOf(actorOf(request)),
      );
      return response;
    });

    app.get('/api/results/sittings/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const actor = actorOf(request);
      const response: SittingReviewResponse = await results.review(scopeOf(actor), actor, id);
      return response;
    });

    app.put('/api/results/sittings/:id/rules', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const rules = parseInput(gradingRulesSchema, request.body);
      const actor = actorOf(request);
      const response: GradingRulesResponse = await results.setRules(
        scopeOf(actor),
        actor,
        id,
        rules,
      );
      return response;
    });

    app.post('/api/results/sittings/:id/release', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const actor = actorOf(request);
      const response: ReleaseResponse = await results.release(scopeOf(actor), actor, id);
      return response;
    });

    async function sendCsv(
      request: FastifyRequest,
      reply: FastifyReply,
      kind: 'results' | 'scores',
    ) {
      const { id } = parseInput(idParams, request.params);
      const actor = actorOf(request);
      const { filename, csv } = await results.exportCsv(scopeOf(actor), actor, id, kind);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    }

    app.get('/api/results/sittings/:id/results.csv', { config: staff }, (request, reply) =>
      sendCsv(request, reply, 'results'),
    );
    app.get('/api/results/sittings/:id/scores.csv', { config: staff }, (request, reply) =>
      sendCsv(request, reply, 'scores'),
    );

    app.get('/api/results/mine', { config: { access: ['candidate'] } }, async (request) => {
      const response: MyResultsResponse = await results.mine(actorOf(request).id);
      return response;
    });
  };
}
