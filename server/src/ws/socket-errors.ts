import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

/**
 * @fastify/websocket's error handler. On a protocol error (a frame over the socket's cap, a bad
 * opcode) `ws` has already begun the close handshake with the right code (1009 for a frame too
 * big) and reads and discards what the client is still sending. The plugin's default handler
 * then called `terminate()`, which threw away that close frame and reset a connection the client
 * was still writing to: under load a 2 MB frame ended in 1006. A socket still open (a handler
 * that threw) is terminated as before; `ws` itself destroys one whose client never answers the
 * close.
 */
export function socketErrorHandler(error: Error, socket: WebSocket, request: FastifyRequest): void {
  if (socket.readyState === socket.CLOSING || socket.readyState === socket.CLOSED) {
    request.log.warn({ err: error }, 'websocket closed on a protocol error');
    return;
  }
  request.log.error({ err: error }, 'websocket failed');
  socket.terminate();
}
