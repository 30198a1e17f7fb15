import type { FastifyInstance } from 'fastify';
import {
  approveFeedbackRequestSchema,
  editFeedbackRequestSchema,
  type FeedbackReviewResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { FeedbackService } from './feedback.service.js';

const idParams = z.object({ id: z.string().uuid() });

/**
 * The feedback review before release: coordinators and admins only. Graders write comments and
 * candidates read them, but neither may see or change what the other side gets here.
 */
export function feedbackRoutes(deps: { feedback: FeedbackService }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;
    const { feedback } = deps;

    app.get('/api/results/sittings/:id/feedback', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const actor = actorOf(request);
      const response: FeedbackReviewResponse = await feedback.review(scopeOf(actor), actor, id);
      return response;
    });

    app.put('/api/results/sittings/:id/feedback/comment', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(editFeedbackRequestSchema, request.body);
      const actor = actorOf(request);
      const response: FeedbackReviewResponse = await feedback.edit(scopeOf(actor), actor, id, body);
      return response;
    });

    app.post('/api/results/sittings/:id/feedback/approvals', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(approveFeedbackRequestSchema, request.body);
      const actor = actorOf(request);
      const response: FeedbackReviewResponse = await feedback.approve(
        scopeOf(actor),
        actor,
        id,
        body,
      );
      return response;
    });
  };
}
