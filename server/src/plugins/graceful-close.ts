import type { FastifyInstance } from 'fastify';
import { closeCodes } from '@exam/shared/protocol';

/** How long sockets get to answer the close handshake before they are cut. */
const CLOSE_HANDSHAKE_MS = 2_000;

/**
 * The shutdown order for SIGTERM (a deploy, a patch), as a preClose hook. Fastify has already
 * stopped routing (requests on open connections get 503) when it runs:
 * 0. the listening socket closes, so new connections are refused at once: a client reconnecting
 *    after step 2 is refused at the TCP level, which a load balancer retries on another instance,
 *    instead of being answered 503 here (fastify would only stop listening after this hook);
 * 1. every module's `drain`: the group commit flushes what is queued, so each save already
 *    received is committed and its acknowledgement sent on the socket it came from;
 * 2. every websocket is closed with 1012 (service restart): clients reconnect at once, through
 *    the load balancer, to another instance, replaying from their outbox anything not yet
 *    acknowledged (replays are idempotent);
 * 3. the websocket server closes; then fastify stops listening and runs the modules' `stop`.
 * @fastify/websocket's own preClose (which closes every socket at once, without a code) is
 * replaced by this one in http-defaults.ts.
 */
export function gracefulClose(
  app: FastifyInstance,
  drains: (() => Promise<void>)[],
): () => Promise<void> {
  return async () => {
    // A second close (fastify's own, later) is harmless: its callback is told "not running".
    if (app.server.listening) app.server.close(() => undefined);
    for (const drain of drains) await drain();
    const server = app.websocketServer;
    const closed = [...server.clients].map(
      (client) =>
        new Promise<void>((resolve) => {
          client.once('close', () => resolve());
          client.close(closeCodes.SERVICE_RESTART, 'service restart');
        }),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(closed),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_HANDSHAKE_MS))),
    ]);
    clearTimeout(timer);
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
