import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { auditQuerySchema } from '@exam/shared/api';
import { AppError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validate.js';
import type { AuditAdmin } from './audit.admin.js';

/** The audit page's routes: administrators only, since the log names every actor. */
export function auditRoutes(admin: AuditAdmin) {
  return async (app: FastifyInstance) => {
    const admins = { access: ['admin'] } as const;

    app.get('/api/audit/entries', { config: admins }, async (request) =>
      admin.list(parseInput(auditQuerySchema, request.query)),
    );

    app.get('/api/audit/verify', { config: admins }, async () => ({
      report: await admin.verify(),
    }));

    app.get('/api/audit/export', { config: admins }, async (request, reply) => {
      if (!request.user) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
      const lines = await admin.export(request.user);
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="audit-log-${stamp}.jsonl"`)
        .send(Readable.from(lines));
    });
  };
}
