import { programmeContentEditors } from '@exam/shared/domain';
import type { FastifyInstance } from 'fastify';
import {
  vignetteSetInputSchema,
  type VignetteSetListResponse,
  type VignetteSetResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { VignetteAuthoring } from './vignette-authoring.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** Vignette set editing on the coordinator console. */
export function vignetteSetRoutes(deps: { authoring: VignetteAuthoring }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;
    // Changing the programme's shared content is the programme's administrators' alone.
    const editors = { access: programmeContentEditors };
    const { authoring } = deps;

    app.get('/api/vignette-sets', { config: staff }, async () => {
      const response: VignetteSetListResponse = { sets: await authoring.listSetSummaries() };
      return response;
    });

    app.post('/api/vignette-sets', { config: editors }, async (request, reply) => {
      const body = parseInput(vignetteSetInputSchema, request.body);
      const response: VignetteSetResponse = {
        set: await authoring.createSet(actorOf(request), body),
      };
      return reply.status(201).send(response);
    });

    app.get('/api/vignette-sets/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: VignetteSetResponse = { set: await authoring.getSetDetail(id) };
      return response;
    });

    app.put('/api/vignette-sets/:id', { config: editors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(vignetteSetInputSchema, request.body);
      const response: VignetteSetResponse = {
        set: await authoring.updateSet(actorOf(request), id, body),
      };
      return response;
    });

    app.post('/api/vignette-sets/:id/retire', { config: editors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: VignetteSetResponse = {
        set: await authoring.retireSet(actorOf(request), id),
      };
      return response;
    });

    app.post('/api/vignette-sets/:id/restore', { config: editors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: VignetteSetResponse = {
        set: await authoring.restoreSet(actorOf(request), id),
      };
      return response;
    });
  };
}
