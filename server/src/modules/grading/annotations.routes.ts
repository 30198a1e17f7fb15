import type { FastifyInstance } from 'fastify';
import {
  createAnnotationRequestSchema,
  includeAnnotationRequestSchema,
  responseCodeSchema,
  type AnnotationResponse,
  type ReadingAnnotationsResponse,
  type ResponseAnnotationsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { AnnotationsService } from './annotations.service.js';

const codeParams = z.object({ code: responseCodeSchema });
const annotationParams = z.object({ code: responseCodeSchema, id: z.string().uuid() });

/** Annotations: the grader's own on their reading, and the coordinator's choice for feedback. */
export function annotationsRoutes(deps: { annotations: AnnotationsService }) {
  return async (app: FastifyInstance) => {
    const graderOnly = { access: ['grader'] } as const;
    const staff = { access: ['coordinator', 'admin'] } as const;
    const { annotations } = deps;

    app.get('/api/grading/queue/:code/annotations', { config: graderOnly }, async (request) => {
      const { code } = parseInput(codeParams, request.params);
      const response: ReadingAnnotationsResponse = await annotations.forReading(
        actorOf(request).id,
        code,
      );
      return response;
    });

    app.post(
      '/api/grading/queue/:code/annotations',
      { config: graderOnly },
      async (request, reply) => {
        const { code } = parseInput(codeParams, request.params);
        const body = parseInput(createAnnotationRequestSchema, request.body);
        const response: AnnotationResponse = await annotations.create(
          actorOf(request).id,
          code,
          body,
        );
        return reply.status(201).send(response);
      },
    );

    app.delete(
      '/api/grading/queue/:code/annotations/:id',
      { config: graderOnly },
      async (request, reply) => {
        const { code, id } = parseInput(annotationParams, request.params);
        await annotations.remove(actorOf(request).id, code, id);
        return reply.status(204).send();
      },
    );

    app.get('/api/grading/items/:code/annotations', { config: staff }, async (request) => {
      const { code } = parseInput(codeParams, request.params);
      const response: ResponseAnnotationsResponse = await annotations.forResponse(
        scopeOf(actorOf(request)),
        code,
      );
      return response;
    });

    app.put(
      '/api/grading/items/:code/annotations/:id',
      { config: staff },
      async (request, reply) => {
        const { code, id } = parseInput(annotationParams, request.params);
        const { include } = parseInput(includeAnnotationRequestSchema, request.body);
        const actor = actorOf(request);
        await annotations.include(scopeOf(actor), actor, code, id, include);
        return reply.status(204).send();
      },
    );
  };
}
