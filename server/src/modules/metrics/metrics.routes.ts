import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { metricsRegistry } from '../../lib/metrics.js';

/** Who may read `/metrics` on the app's own port; see metrics.module.ts. */
export type MetricsAccess =
  | { kind: 'open' }
  | { kind: 'token'; token: string }
  /** Production without a token or a port of its own: nobody (the route answers 404). */
  | { kind: 'off' }
  /** Served on METRICS_PORT only, never on the app's port. */
  | { kind: 'own-port' };

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Compares digests, so the time taken says nothing about how much of the token was right. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** The Prometheus text exposition of every metric in the registry. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}

/** `GET /metrics` on the app's port, guarded as `access` says. */
export function metricsRoutes(access: MetricsAccess) {
  return async (app: FastifyInstance) => {
    // Public to the role check: scrapers have no session. The guard is the token (or nothing
    // at all), checked here.
    app.get('/metrics', { config: { access: 'public' } }, async (request, reply) => {
      if (access.kind === 'off' || access.kind === 'own-port') {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
      }
      if (access.kind === 'token' && !bearerMatches(request.headers.authorization, access.token)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: { code: 'UNAUTHENTICATED', message: 'A metrics token is required.' } });
      }
      const { contentType, body } = await metricsText();
      return reply.type(contentType).send(body);
    });
  };
}
