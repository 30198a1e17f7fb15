import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/** Hashed file names (Vite's `assets/`): a changed file gets a new name, so one never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function isSourceMap(url: string): boolean {
  return (url.split('?')[0] ?? '').endsWith('.map');
}

function isAsset(url: string): boolean {
  return url.startsWith('/assets/');
}

/**
 * Serves the built client and falls back to index.html for client-side routes; API paths that
 * match nothing get a JSON 404, and so does a hashed asset that is not there (a page of an older
 * build asking for its chunk gets a clear miss, not index.html as script).
 *
 * Every text file was compressed at build (brotli and gzip beside it, client/vite.config.ts):
 * the one the browser accepts is sent, `Vary: Accept-Encoding` so no cache mixes them up. Hashed
 * assets are cacheable for a year and immutable; anything else revalidates. Pages are the
 * no-store plugin's: `Cache-Control: no-store` (a shared computer in a test centre keeps no
 * page), which also means a new build's index.html is always the one fetched.
 *
 * Without `serveSourceMaps` (production) no `.map` file is served, even if one was left in the
 * build: it would hand out the whole client source.
 */
export default fp<{ distDir: string; serveSourceMaps: boolean }>(
  async (app, options) => {
    const root = path.resolve(options.distDir);
    const assetsDir = path.join(root, 'assets') + path.sep;
    const hasClient = existsSync(path.join(root, 'index.html'));
    if (hasClient) {
      await app.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        preCompressed: true,
        // A route per file, but none for the compressed copies: they are sent in the original's
        // place, never asked for by name.
        globIgnore: ['**/*.br', '**/*.gz'],
        cacheControl: false,
        setHeaders: (res, filePath) => {
          res.setHeader('cache-control', filePath.startsWith(assetsDir) ? IMMUTABLE : 'no-cache');
          res.setHeader('vary', 'Accept-Encoding');
        },
        allowedPath: (pathName) => options.serveSourceMaps || !isSourceMap(pathName),
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const isApi = request.url.startsWith('/api/') || request.url.startsWith('/ws');
      const isPage =
        !isApi && !isAsset(request.url) && !(isSourceMap(request.url) && !options.serveSourceMaps);
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
