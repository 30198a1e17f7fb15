import type { FastifyInstance, FastifyReply } from 'fastify';
import { programmeExportQuerySchema, type ProgrammeOverview } from '@exam/shared/api';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { ProgrammeService } from './programme.service.js';

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The programme's views: figures across associations, never a named candidate. */
export function programmeRoutes(deps: { programme: ProgrammeService }) {
  return async (app: FastifyInstance) => {
    // Programme roles only: a coordinator sees their own association in its console instead.
    const readers = { access: ['admin', 'psychometrician'] } as const;
    const { programme } = deps;

    app.get('/api/programme/overview', { config: readers }, async () => {
      const response: ProgrammeOverview = await programme.overview();
      return response;
    });

    const send = (
      reply: FastifyReply,
      format: 'csv' | 'xlsx',
      file: { filename: string; body: string | Buffer },
    ) =>
      reply
        .header('content-type', contentTypes[format])
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);

    app.get('/api/programme/export.csv', { config: readers }, async (request, reply) => {
      const { view } = parseInput(programmeExportQuerySchema, request.query);
      return send(reply, 'csv', await programme.export(actorOf(request), 'csv', view));
    });

    app.get('/api/programme/export.xlsx', { config: readers }, async (request, reply) =>
      send(reply, 'xlsx', await programme.export(actorOf(request), 'xlsx', null)),
    );
  };
}
