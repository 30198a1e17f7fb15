import fp from 'fastify-plugin';
import { AppError } from '../lib/app-error.js';

/** Maps every error to `{ error: { code, message } }`; 5xx messages are hidden and logged with the request id. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      if (error instanceof AppError) {
        if (error.status >= 500) request.log.error({ err: error }, error.message);
        const message =
          error.status >= 500 ? `Internal error (request ${request.id})` : error.message;
        return reply
          .status(error.status)
          .send({ error: { code: error.code, message, details: error.details } });
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'unhandled error');
        return reply
          .status(500)
          .send({ error: { code: 'INTERNAL', message: `Internal error (request ${request.id})` } });
      }
      const code =
        status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: error.message } });
    });
  },
  { name: 'error-handler' },
);
