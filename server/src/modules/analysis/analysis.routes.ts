import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  analysisQuerySchema,
  type AnalysisScopesResponse,
  type ItemAnalysisResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { actorOf, programmeStaffScopeOf } from '../../lib/request-actor.js';
import type { AnalysisService } from './analysis.service.js';

const formParams = z.object({ formId: z.string().uuid() });

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

function analysedOf(request: FastifyRequest) {
  const { formId } = parseInput(formParams, request.params);
  const { sittingId } = parseInput(analysisQuerySchema, request.query);
  return { formId, sittingId: sittingId ?? null };
}

/** Item analysis for coordinators and psychometricians: figures, flags and exports. */
export function analysisRoutes(deps: { analysis: AnalysisService }) {
  return async (app: FastifyInstance) => {
    // Figures about items, never about a named candidate: a psychometrician may read them.
    const readers = { access: ['coordinator', 'psychometrician'] } as const;
    const { analysis } = deps;

    app.get('/api/analysis/scopes', { config: readers }, async (request) => {
      const scope = programmeStaffScopeOf(actorOf(request));
      const response: AnalysisScopesResponse = { scopes: await analysis.scopes(scope) };
      return response;
    });

    app.get('/api/analysis/forms/:formId', { config: readers }, async (request) => {
      const { formId, sittingId } = analysedOf(request);
      const scope = programmeStaffScopeOf(actorOf(request));
      const response: ItemAnalysisResponse = await analysis.analyse(scope, formId, sittingId);
      return response;
    });

    for (const format of ['csv', 'xlsx'] as const) {
      app.get(
        `/api/analysis/forms/:formId/analysis.${format}`,
        { config: readers },
        async (request, reply) => {
          const { formId, sittingId } = analysedOf(request);
          const actor = actorOf(request);
          const scope = programmeStaffScopeOf(actor);
          const file = await analysis.export(scope, actor, formId, sittingId, format);
          return reply
            .header('content-type', contentTypes[format])
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .header('cache-control', 'no-store')
            .send(file.body);
        },
      );
    }
  };
}
