import type { FastifyInstance } from 'fastify';
import {
  retentionConfirmRequestSchema,
  type MyData,
  type RetentionConfirmResponse,
  type RetentionPreviewResponse,
} from '@exam/shared/api';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { MyDataService } from './my-data.service.js';
import type { RetentionService } from './retention.service.js';

/** A candidate's own data; an association's retention purge (dry run, confirmation). */
export function privacyRoutes(deps: { myData: MyDataService; retention: RetentionService }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;

    // Every signed-in person's own rows; candidates are who it is for, staff may ask too.
    app.get('/api/privacy/my-data', { config: { access: 'authenticated' } }, async (request) => {
      const response: MyData = await deps.myData.of(actorOf(request).id);
      return response;
    });

    app.get('/api/privacy/retention', { config: staff }, async (request) => {
      const response: RetentionPreviewResponse = {
        sittings: await deps.retention.preview(scopeOf(actorOf(request))),
      };
      return response;
    });

    app.post('/api/privacy/retention/confirm', { config: staff }, async (request) => {
      const { sittingIds } = parseInput(retentionConfirmRequestSchema, request.body);
      const actor = actorOf(request);
      const response: RetentionConfirmResponse = {
        confirmed: await deps.retention.confirm(actor.id, scopeOf(actor), sittingIds),
      };
      return response;
    });
  };
}
