import fp from 'fastify-plugin';

/**
 * `Cache-Control: no-store` on every API response (all the authenticated JSON: a candidate's
 * answers, a grader's queue, exports), whatever the route set: a shared computer in a test
 * centre must keep none of it. Pages are marked by client-static.
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'no-store' },
);
