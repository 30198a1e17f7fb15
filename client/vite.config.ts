import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));
const server = 'http://127.0.0.1:3000';

/**
 * The server refuses state-changing requests whose Origin is not its PUBLIC_ORIGIN. Requests the
 * dev server's own page makes are re-badged as the server's origin; any other origin passes
 * through unchanged and is still refused.
 */
function sameOriginAsServer(proxy: Parameters<NonNullable<ProxyOptions['configure']>>[0]): void {
  const rewrite = (
    proxyReq: { setHeader(name: string, value: string): void },
    req: IncomingMessage,
  ) => {
    if (req.headers.origin && req.headers.origin === `http://${req.headers.host ?? ''}`) {
      proxyReq.setHeader('origin', server);
    }
  };
  proxy.on('proxyReq', rewrite);
  proxy.on('proxyReqWs', rewrite);
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const compressible = /\.(?:js|css|html|svg|json|txt)$/;

/**
 * Writes a `.br` and a `.gz` beside every text file of the build, at the strongest settings (the
 * cost is paid once, at build): the server sends whichever the browser accepts, and never
 * compresses on the request path.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter(
        (name) => compressible.test(name) && !name.startsWith('.vite'),
      );
      await Promise.all(
        files.map(async (name) => {
          const file = path.join(outDir, name);
          const content = await readFile(file);
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzipped(content, { level: zlibConstants.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

/**
 * Writes `.vite/chunks.json`: every chunk with the chunks it imports, statically and on demand,
 * and the modules in it (relative to the repository), so scripts/client-bundles.ts can say what
 * each route downloads and check the budgets. Vite's own manifest names a chunk by its source
 * only when one module fronts it, which the exam's chunk (shared with the staff consoles) is not.
 */
function chunkMap(): Plugin {
  const repoRoot = path.resolve(clientRoot, '..');
  return {
    name: 'chunk-map',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk'
          ? [
              {
                file: output.fileName,
                isEntry: output.isEntry,
                imports: output.imports,
                dynamicImports: output.dynamicImports,
                modules: Object.keys(output.modules).map((id) =>
                  path.relative(repoRoot, id.replace(/^\0/, '')).split(path.sep).join('/'),
                ),
              },
            ]
          : [],
      );
      this.emitFile({
        type: 'asset',
        fileName: '.vite/chunks.json',
        source: JSON.stringify(chunks),
      });
    },
  };
}

/**
 * shared/'s schema, rule and error modules only declare things (zod schemas are calls Rollup
 * cannot prove pure), so saying so lets each one go only into the chunks that use it: the staff
 * consoles' API schemas stay out of the script the sign-in page and the exam load.
 */
const sideEffectFree = /[\\/]shared[\\/]src[\\/](?:api|domain|errors|protocol)[\\/]/;

/**
 * The client build. It locates itself, so `npm run build -w client`, `npx vite build client` and
 * the browser tests' programmatic build all write the same client/dist the server serves. A
 * production build emits no source map: served, it would hand out the whole client source
 * (`vite build --mode development` keeps them for debugging a build).
 */
export default defineConfig(({ mode }) => ({
  root: clientRoot,
  plugins: [react(), chunkMap(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: mode !== 'production',
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !sideEffectFree.test(id) },
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: server, configure: sameOriginAsServer },
      '/healthz': { target: server },
      '/ws': { target: server, ws: true, configure: sameOriginAsServer },
    },
  },
}));
