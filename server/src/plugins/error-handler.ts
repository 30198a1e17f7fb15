import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '@exam/shared/api';
import { AppError, type ErrorCode } from '../lib/app-error.js';

/** How much of a refused body is read and dropped before the connection is cut (nginx's lingering close). */
const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

/**
 * fastify answers a body over its limit with `Connection: close`, and Node then closes the socket
 * while the client is still sending: the client gets a reset instead of the 413 (a 3 MB upload
 * under load saw only a dropped connection). Keep the connection instead, read what is still
 * coming and drop it, so the client reads the answer; one that keeps sending is cut off.
 */
function drainRefusedBody(request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.raw;
  if (raw.complete || raw.destroyed) return;
  reply.removeHeader('connection');
  let drained = 0;
  raw.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) raw.socket?.destroy();
  });
  raw.resume();
}

/** The one HTTP error shape (`apiErrorSchema`), so a code outside the closed list cannot be sent. */
function errorBody(code: ErrorCode, message: string, details?: unknown): ApiError {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * What fastify's own refusals (no AppError: body limits, rate limits, parse errors) are called;
 * anything else under 500 is a malformed request.
 */
function codeForStatus(status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  return 'BAD_REQUEST';
}

/** Maps every error to `{ error: { code, message } }`; 5xx messages are hidden and logged with the request id. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) request.log.error({ err: error }, error.message);
        const message =
          error.status >= 500 ? `Internal error (request ${request.id})` : error.message;
        return reply.status(error.status).send(errorBody(error.code, message, error.details));
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'unhandled error');
        return reply
          .status(500)
          .send(errorBody('INTERNAL', `Internal error (request ${request.id})`));
      }
      if (status === 413) drainRefusedBody(request, reply);
      return reply.status(status).send(errorBody(codeForStatus(status), error.message));
    });
  },
  { name: 'error-handler' },
);
