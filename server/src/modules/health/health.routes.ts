import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import { appliedMigrations } from './health.repo.js';

/** `/healthz`: the process is up. `/readyz`: the database answers and migrations are applied. */
export function healthRoutes(deps: { db: Db; expectedMigrations: number }) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));

    app.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
      try {
        const applied = await appliedMigrations(deps.db);
        if (applied < deps.expectedMigrations) {
          return reply.status(503).send({
            status: 'not ready',
            reason: `${applied}/${deps.expectedMigrations} migrations applied`,
          });
        }
        return { status: 'ready', migrations: applied };
      } catch {
        return reply.status(503).send({ status: 'not ready', reason: 'database unreachable' });
      }
    });
  };
}
