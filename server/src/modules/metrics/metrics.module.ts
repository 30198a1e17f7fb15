import { createServer, type Server } from 'node:http';
import type pg from 'pg';
import { watchPool } from '../../lib/metrics.js';
import type { AppModule } from '../module.js';
import { metricsRoutes, metricsText, type MetricsAccess } from './metrics.routes.js';

export interface MetricsSettings {
  production: boolean;
  /** METRICS_TOKEN: `/metrics` on the app's port wants `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** METRICS_PORT: `/metrics` is served on this port (on `host`) instead, for a private network. */
  port?: number | undefined;
  host: string;
}

/**
 * Who may read `/metrics`. A separate port wins (the app's port then never serves it); else a
 * token; else open in development and refused in production, where the figures (candidates
 * connected, load) are nobody's business but the operator's.
 */
export function metricsAccess(settings: MetricsSettings): MetricsAccess {
  if (settings.port) return { kind: 'own-port' };
  if (settings.token) return { kind: 'token', token: settings.token };
  return settings.production ? { kind: 'off' } : { kind: 'open' };
}

/** Prometheus metrics (lib/metrics.ts holds them): the route, or a port of their own. */
export function createMetricsModule(deps: {
  settings: MetricsSettings;
  /** The PostgreSQL pool whose use is reported; absent on the embedded database. */
  pool?: pg.Pool | undefined;
  log: { warn(message: string): void; info(message: string): void };
}): AppModule & { access: MetricsAccess } {
  const { settings } = deps;
  const access = metricsAccess(settings);
  watchPool(deps.pool);
  let server: Server | undefined;
  return {
    access,
    routes: metricsRoutes(access),
    async start() {
      if (access.kind === 'off') {
        deps.log.warn(
          '/metrics is off: set METRICS_TOKEN or METRICS_PORT to serve it in production',
        );
      }
      if (access.kind !== 'own-port' || !settings.port) return;
      const port = settings.port;
      server = createServer((request, response) => {
        if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
          response.writeHead(404).end();
          return;
        }
        metricsText().then(
          ({ contentType, body }) =>
            response.writeHead(200, { 'content-type': contentType }).end(body),
          () => response.writeHead(500).end(),
        );
      });
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, settings.host, () => resolve());
      });
      deps.log.info(`/metrics served on ${settings.host}:${port}`);
    },
    async stop() {
      const closing = server;
      server = undefined;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}
