import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

/** `/healthz`: the process is up. `/readyz`: the database answers and migrations are applied. */
export function healthRoutes(deps: { db: Db; expectedMigrations: number }) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));

    app.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
      try {
        const rows = await queryRows<{ count: number }>(
          deps.db,
          sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`,
        );
        const applied = Number(rows[0]?.count ?? 0);
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
