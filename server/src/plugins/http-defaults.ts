import type { FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyWebsocket from '@fastify/websocket';
import { DRAFT_MAX_FRAME_BYTES } from '@exam/shared/protocol';
import type { AppConfig } from '../config.js';
import { socketErrorHandler } from '../ws/socket-errors.js';

/**
 * What every response and socket gets before any module: security headers (a strict CSP; HSTS
 * and upgrade-insecure-requests only in production, behind TLS), cookies, and the websocket server
 * with its largest frame. Registered on the root instance, so it covers every module's routes.
 */
export async function registerHttpDefaults(
  app: FastifyInstance,
  config: Pick<AppConfig, 'NODE_ENV'>,
): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Only meaningful behind TLS; on plain-HTTP local runs it would break every request.
        upgradeInsecureRequests: config.NODE_ENV === 'production' ? [] : null,
      },
    },
    // HSTS only makes sense behind TLS, which production deployments terminate in front of us.
    hsts: config.NODE_ENV === 'production',
  });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, {
    // Compression off (CPU and memory per socket, and compression side channels); the frame cap
    // here is the largest any message may be; each part enforces its own smaller cap.
    options: { maxPayload: DRAFT_MAX_FRAME_BYTES, perMessageDeflate: false },
    errorHandler: socketErrorHandler,
    // Sockets are closed at shutdown by graceful-close.ts, after the group commit has flushed and
    // with 1012 (service restart), not here at once without a code.
    preClose: async () => undefined,
  });
}
