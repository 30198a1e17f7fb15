import type { FastifyInstance } from 'fastify';
import {
  enrolmentImportRequestSchema,
  enrolOneRequestSchema,
  type EnrolmentImportReport,
  type EnrolmentListResponse,
  type EnrolOneResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { consoleAccess } from './route-helpers.js';
import type { SittingsService } from './sittings.service.js';

const sittingParams = z.object({ id: z.string().uuid() });
const enrolmentParams = z.object({ id: z.string().uuid(), enrolmentId: z.string().uuid() });

/** Enrolling candidates in a sitting: the roster, one at a time, a CSV import, withdrawal. */
export function enrolmentRoutes(deps: {
  sittings: Pick<
    SittingsService,
    'listEnrolments' | 'enrolOne' | 'importEnrolments' | 'withdrawEnrolment'
  >;
}) {
  return async (app: FastifyInstance) => {
    const { sittings } = deps;

    app.get('/api/sittings/:id/enrolments', { config: consoleAccess }, async (request) => {
      const { id } = parseInput(sittingParams, request.params);
      const response: EnrolmentListResponse = {
        enrolments: await sittings.listEnrolments(scopeOf(actorOf(request)), id),
      };
      return response;
    });

    app.post('/api/sittings/:id/enrolments', { config: consoleAccess }, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = parseInput(sittingParams, request.params);
      const body = parseInput(enrolOneRequestSchema, request.body);
      const response: EnrolOneResponse = await sittings.enrolOne(actor, scopeOf(actor), id, body);
      return reply.status(201).send(response);
    });

    app.post('/api/sittings/:id/enrolments/import', { config: consoleAccess }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(sittingParams, request.params);
      const body = parseInput(enrolmentImportRequestSchema, request.body);
      const response: EnrolmentImportReport = await sittings.importEnrolments(
        actor,
        scopeOf(actor),
        id,
        body,
      );
      return response;
    });

    app.delete(
      '/api/sittings/:id/enrolments/:enrolmentId',
      { config: consoleAccess },
      async (request, reply) => {
        const actor = actorOf(request);
        const { id, enrolmentId } = parseInput(enrolmentParams, request.params);
        await sittings.withdrawEnrolment(actor, scopeOf(actor), id, enrolmentId);
        return reply.status(204).send();
      },
    );
  };
}
