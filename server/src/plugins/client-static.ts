import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built client and falls back to index.html for client-side routes; API paths that
 * match nothing get a JSON 404.
 */
export default fp<{ distDir: string }>(
  async (app, options) => {
    const root = path.resolve(options.distDir);
    const hasClient = existsSync(path.join(root, 'index.html'));
    if (hasClient) {
      await app.register(fastifyStatic, { root, wildcard: false, index: false });
    }
    app.setNotFoundHandler((request, reply) => {
      const isApi = request.url.startsWith('/api/') || request.url.startsWith('/ws');
      if (hasClient && request.method === 'GET' && !isApi) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.status(404).send({
        error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}` },
      });
    });
  },
  { name: 'client-static' },
);
