import type { FastifyInstance } from 'fastify';
import {
  createBankCommentRequestSchema,
  updateBankCommentRequestSchema,
  type BankCommentResponse,
  type CommentBankResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { standardKeepers } from './benchmarks.routes.js';
import type { CommentBankService } from './comment-bank.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** The feedback comment bank: offered to graders, curated by the standard's keepers. */
export function commentBankRoutes(deps: { bank: CommentBankService }) {
  return async (app: FastifyInstance) => {
    const { bank } = deps;
    const readers = { access: ['grader', 'coordinator', 'admin', 'chief-grader'] } as const;

    app.get('/api/grading/comment-bank', { config: readers }, async () => {
      const response: CommentBankResponse = { comments: await bank.offered() };
      return response;
    });

    app.get('/api/grading/comment-bank/curation', { config: standardKeepers }, async () => {
      const response: CommentBankResponse = { comments: await bank.all() };
      return response;
    });

    app.post('/api/grading/comment-bank', { config: standardKeepers }, async (request, reply) => {
      const body = parseInput(createBankCommentRequestSchema, request.body);
      const response: BankCommentResponse = { comment: await bank.create(actorOf(request), body) };
      return reply.status(201).send(response);
    });

    app.put('/api/grading/comment-bank/:id', { config: standardKeepers }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(updateBankCommentRequestSchema, request.body);
      const response: BankCommentResponse = {
        comment: await bank.update(actorOf(request), id, body),
      };
      return response;
    });
  };
}
