import type { FastifyInstance } from 'fastify';
import {
  declareConflictRequestSchema,
  responseCodeSchema,
  scoreSheetRequestSchema,
  type GradingQueueResponse,
  type GradingResponseView,
  type MyConflictsResponse,
  type ScoreSheetResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { GradersService } from './graders.service.js';
import type { SeededScoring } from './seeded-scoring.js';

const codeParams = z.object({ code: responseCodeSchema });

/** The grader's routes: the queue, one response, saving and submitting a reading, conflicts. */
export function gradingRoutes(deps: { scoring: SeededScoring; graders: GradersService }) {
  return async (app: FastifyInstance) => {
    const graderOnly = { access: ['grader'] } as const;
    const { scoring, graders } = deps;

    app.get('/api/grading/queue', { config: graderOnly }, async (request) => {
      const response: GradingQueueResponse = await scoring.queue(actorOf(request).id);
      return response;
    });

    app.get('/api/grading/queue/:code', { config: graderOnly }, async (request) => {
      const { code } = parseInput(codeParams, request.params);
      const response: GradingResponseView = await scoring.view(actorOf(request).id, code);
      return response;
    });

    app.put('/api/grading/queue/:code/draft', { config: graderOnly }, async (request) => {
      const { code } = parseInput(codeParams, request.params);
      const sheet = parseInput(scoreSheetRequestSchema, request.body);
      const response: ScoreSheetResponse = await scoring.saveDraft(
        actorOf(request).id,
        code,
        sheet,
      );
      return response;
    });

    app.post('/api/grading/queue/:code/submit', { config: graderOnly }, async (request) => {
      const { code } = parseInput(codeParams, request.params);
      const sheet = parseInput(scoreSheetRequestSchema, request.body);
      const response: ScoreSheetResponse = await scoring.submit(actorOf(request).id, code, sheet);
      return response;
    });

    app.get('/api/grading/conflicts', { config: graderOnly }, async (request) => {
      const response: MyConflictsResponse = await graders.myConflicts(actorOf(request).id);
      return response;
    });

    // The answer is the same whether or not the email belongs to anyone: declaring reveals nothing.
    app.post('/api/grading/conflicts', { config: graderOnly }, async (request, reply) => {
      const actor = actorOf(request);
      const body = parseInput(declareConflictRequestSchema, request.body);
      await graders.declareConflict(actor, actor.id, body);
      return reply.status(204).send();
    });
  };
}
