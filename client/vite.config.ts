import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';
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

/**
 * The client build. It locates itself, so `npm run build -w client`, `npx vite build client` and
 * the browser tests' programmatic build all write the same client/dist the server serves. A
 * production build emits no source map: served, it would hand out the whole client source
 * (`vite build --mode development` keeps them for debugging a build).
 */
export default defineConfig(({ mode }) => ({
  root: clientRoot,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: mode !== 'production',
    rollupOptions: {
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
