import type { FastifyInstance } from 'fastify';
import {
  decideQualificationRequestSchema,
  saveQualificationLevelsRequestSchema,
  startQualificationRequestSchema,
  type MyQualificationsResponse,
  type QualificationOverviewResponse,
  type QualificationRoundView,
  type StartQualificationResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { standardEditors, standardKeepers } from './benchmarks.routes.js';
import type { QualificationService } from './qualification.service.js';

const roundParams = z.object({ id: z.string().uuid() });
const positionParams = roundParams.extend({ position: z.coerce.number().int().min(1).max(50) });

/** A grader's qualification sets, and the coordinators' overview and decisions. */
export function qualificationRoutes(deps: { qualification: QualificationService }) {
  return async (app: FastifyInstance) => {
    const graderOnly = { access: ['grader'] } as const;
    const { qualification } = deps;

    app.get('/api/grading/qualification', { config: graderOnly }, async (request) => {
      const response: MyQualificationsResponse = await qualification.mine(actorOf(request).id);
      return response;
    });

    app.post('/api/grading/qualification', { config: graderOnly }, async (request, reply) => {
      const { variant } = parseInput(startQualificationRequestSchema, request.body);
      const response: StartQualificationResponse = {
        roundId: await qualification.start(actorOf(request).id, variant),
      };
      return reply.status(201).send(response);
    });

    app.get('/api/grading/qualification/:id', { config: graderOnly }, async (request) => {
      const { id } = parseInput(roundParams, request.params);
      const response: QualificationRoundView = await qualification.round(actorOf(request).id, id);
      return response;
    });

    app.put(
      '/api/grading/qualification/:id/responses/:position',
      { config: graderOnly },
      async (request, reply) => {
        const { id, position } = parseInput(positionParams, request.params);
        const body = parseInput(saveQualificationLevelsRequestSchema, request.body);
        await qualification.saveLevels(actorOf(request).id, id, position, body);
        return reply.status(204).send();
      },
    );

    app.post('/api/grading/qualification/:id/finish', { config: graderOnly }, async (request) => {
      const { id } = parseInput(roundParams, request.params);
      const response: QualificationRoundView = await qualification.finish(actorOf(request).id, id);
      return response;
    });

    app.get('/api/grading/qualifications', { config: standardKeepers }, async () => {
      const response: QualificationOverviewResponse = { rows: await qualification.overview() };
      return response;
    });

    app.post(
      '/api/grading/qualifications/decide',
      { config: standardEditors },
      async (request, reply) => {
        const body = parseInput(decideQualificationRequestSchema, request.body);
        await qualification.decide(actorOf(request), body);
        return reply.status(204).send();
      },
    );
  };
}
