import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  sittingInputSchema,
  sittingProctorsRequestSchema,
  sittingTransitionRequestSchema,
  type SittingListResponse,
  type SittingReadinessResponse,
  type SittingResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { enrolmentRoutes } from './enrolments.routes.js';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { attachmentName, consoleAccess } from './route-helpers.js';
import type { SittingsService } from './sittings.service.js';

const idParams = z.object({ id: z.string().uuid() });

function sendCsv(reply: FastifyReply, file: { name: string; csv: string }, kind: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${attachmentName(file.name, kind)}"`)
    .header('cache-control', 'no-store')
    .send(file.csv);
}

/** The coordinator console's sittings: schedule, state machine, readiness, enrolment, exports. */
export function sittingsRoutes(deps: { sittings: SittingsService }) {
  return async (app: FastifyInstance) => {
    const { sittings } = deps;

    app.get('/api/sittings', { config: consoleAccess }, async (request) => {
      const response: SittingListResponse = {
        sittings: await sittings.listSittings(scopeOf(actorOf(request))),
      };
      return response;
    });

    app.post('/api/sittings', { config: consoleAccess }, async (request, reply) => {
      const actor = actorOf(request);
      const body = parseInput(sittingInputSchema, request.body);
      const response: SittingResponse = {
        sitting: await sittings.createSitting(actor, scopeOf(actor), body),
      };
      return reply.status(201).send(response);
    });

    app.get('/api/sittings/:id', { config: consoleAccess }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: SittingResponse = {
        sitting: await sittings.getSitting(scopeOf(actorOf(request)), id),
      };
      return response;
    });

    app.put('/api/sittings/:id', { config: consoleAccess }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(sittingInputSchema, request.body);
      const response: SittingResponse = {
        sitting: await sittings.updateSitting(actor, scopeOf(actor), id, body),
      };
      return response;
    });

    app.put('/api/sittings/:id/proctors', { config: consoleAccess }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const { proctorIds } = parseInput(sittingProctorsRequestSchema, request.body);
      const response: SittingResponse = {
        sitting: await sittings.setSittingProctors(actor, scopeOf(actor), id, proctorIds),
      };
      return response;
    });

    app.get('/api/sittings/:id/readiness', { config: consoleAccess }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: SittingReadinessResponse = await sittings.sittingReadiness(
        scopeOf(actorOf(request)),
        id,
      );
      return response;
    });

    app.post('/api/sittings/:id/transition', { config: consoleAccess }, async (request) => {
      const actor = actorOf(request);
      const { id } = parseInput(idParams, request.params);
      const { to } = parseInput(sittingTransitionRequestSchema, request.body);
      const response: SittingResponse = {
        sitting: await sittings.transitionSitting(actor, scopeOf(actor), id, to),
      };
      return response;
    });

    app.get(
      '/api/sittings/:id/exports/roster.csv',
      { config: consoleAccess },
      async (request, reply) => {
        const { id } = parseInput(idParams, request.params);
        return sendCsv(reply, await sittings.rosterCsv(scopeOf(actorOf(request)), id), 'roster');
      },
    );

    app.get(
      '/api/sittings/:id/exports/attempts.csv',
      { config: consoleAccess },
      async (request, reply) => {
        const { id } = parseInput(idParams, request.params);
        const file = await sittings.attemptStatusCsv(scopeOf(actorOf(request)), id);
        return sendCsv(reply, file, 'attempt-status');
      },
    );

    await app.register(enrolmentRoutes({ sittings }));
  };
}
