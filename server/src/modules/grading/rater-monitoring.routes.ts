import type { FastifyInstance } from 'fastify';
import {
  liftPauseRequestSchema,
  sendToAnotherReaderRequestSchema,
  type PauseReviewResponse,
  type RaterMonitoringResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { standardEditors, standardKeepers } from './benchmarks.routes.js';
import { gradingScopeOf } from './graders.service.js';
import type { RaterMonitoringService } from './rater-monitoring.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** Rater monitoring: figures per grader, pauses, and sending a reading to another reader. */
export function raterMonitoringRoutes(deps: { monitoring: RaterMonitoringService }) {
  return async (app: FastifyInstance) => {
    const { monitoring } = deps;

    app.get('/api/grading/monitoring', { config: standardKeepers }, async () => {
      const response: RaterMonitoringResponse = await monitoring.overview();
      return response;
    });

    app.get('/api/grading/monitoring/pauses/:id', { config: standardKeepers }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: PauseReviewResponse = await monitoring.pauseReview(
        gradingScopeOf(actorOf(request)),
        id,
      );
      return response;
    });

    app.post(
      '/api/grading/monitoring/pauses/:id/lift',
      { config: standardEditors },
      async (request, reply) => {
        const { id } = parseInput(idParams, request.params);
        const { note } = parseInput(liftPauseRequestSchema, request.body);
        await monitoring.lift(actorOf(request), id, note);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/grading/monitoring/send-to-another-reader',
      { config: standardEditors },
      async (request, reply) => {
        const actor = actorOf(request);
        const body = parseInput(sendToAnotherReaderRequestSchema, request.body);
        await monitoring.sendToAnotherReader(gradingScopeOf(actor), actor, body);
        return reply.status(204).send();
      },
    );
  };
}
