import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

function isSourceMap(url: string): boolean {
  return (url.split('?')[0] ?? '').endsWith('.map');
}

/**
 * Serves the built client and falls back to index.html for client-side routes; API paths that
 * match nothing get a JSON 404. The no-store plugin keeps every page out of caches. Without
 * `serveSourceMaps` (production) no `.map` file is served, even if one was left in the build:
 * it would hand out the whole client source.
 */
export default fp<{ distDir: string; serveSourceMaps: boolean }>(
  async (app, options) => {
    const root = path.resolve(options.distDir);
    const hasClient = existsSync(path.join(root, 'index.html'));
    if (hasClient) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        allowedPath: (pathName) => options.serveSourceMaps || !isSourceMap(pathName),
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const isApi = request.url.startsWith('/api/') || request.url.startsWith('/ws');
      const isPage = !isApi && !(isSourceMap(request.url) && !options.serveSourceMaps);
      if (hasClient && request.method === 'GET' && isPage) {
        return reply.type('text/html').sendFile('index.html', { cacheControl: false });
      }
      return reply.status(404).send({
        error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}` },
      });
    });
  },
  { name: 'client-static' },
);
