import type { FastifyInstance } from 'fastify';
import {
  associationSettingsSchema,
  type AssociationResponse,
  type AssociationsResponse,
  type BrandingResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { programmeScope } from '../../db/association-scope.js';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { AssociationsService } from './associations.service.js';

const idParams = z.object({ id: z.string().uuid() });

/** Association settings (administrators: all; coordinators: their own) and the branding header. */
export function associationsRoutes(deps: { associations: AssociationsService }) {
  return async (app: FastifyInstance) => {
    const { associations } = deps;
    const admins = { access: ['admin'] } as const;
    const settingsEditors = { access: ['admin', 'coordinator'] } as const;

    app.get('/api/associations', { config: admins }, async () => {
      const response: AssociationsResponse = {
        associations: await associations.list(programmeScope),
      };
      return response;
    });

    app.post('/api/associations', { config: admins }, async (request, reply) => {
      const settings = parseInput(associationSettingsSchema, request.body);
      const response: AssociationResponse = {
        association: await associations.create(actorOf(request), settings),
      };
      return reply.status(201).send(response);
    });

    app.get('/api/associations/:id', { config: settingsEditors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: AssociationResponse = {
        association: await associations.get(scopeOf(actorOf(request)), id),
      };
      return response;
    });

    app.put('/api/associations/:id', { config: settingsEditors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const actor = actorOf(request);
      const scope = scopeOf(actor);
      // Scope before body: another association's id answers 404 whatever was sent.
      await associations.get(scope, id);
      const settings = parseInput(associationSettingsSchema, request.body);
      const response: AssociationResponse = {
        association: await associations.update(actor, scope, id, settings),
      };
      return response;
    });

    // Every signed-in page may carry its association's name and logo; none for programme staff.
    app.get('/api/branding', { config: { access: 'authenticated' } }, async (request) => {
      const response: BrandingResponse = {
        branding: await associations.branding(actorOf(request)),
      };
      return response;
    });
  };
}
