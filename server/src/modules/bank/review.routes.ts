import { programmeContentEditors } from '@exam/shared/domain';
import type { FastifyInstance } from 'fastify';
import {
  bankReviewClearRequestSchema,
  bankReviewRequestSchema,
  type BankItemResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { actorOf } from '../../lib/request-actor.js';
import type { BankService } from './bank.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** Marking an item for review and recording what the review found. */
export function bankReviewRoutes(deps: {
  bank: Pick<BankService, 'markForReview' | 'clearReview'>;
}) {
  return async (app: FastifyInstance) => {
    // Changing the programme's shared content is the programme's administrators' alone.
    const editors = { access: programmeContentEditors };

    app.post('/api/bank/items/:id/review', { config: editors }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const { note } = parseInput(bankReviewRequestSchema, request.body);
      const response: BankItemResponse = { item: await deps.bank.markForReview(actor, id, note) };
      return response;
    });

    app.post('/api/bank/items/:id/review/clear', { config: editors }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const { outcome } = parseInput(bankReviewClearRequestSchema, request.body);
      const response: BankItemResponse = { item: await deps.bank.clearReview(actor, id, outcome) };
      return response;
    });
  };
}
