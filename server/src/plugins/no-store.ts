import fp from 'fastify-plugin';

/**
 * `Cache-Control: no-store` on every API response (all the authenticated JSON: a candidate's
 * answers, a grader's queue, exports) and every page (the exam pages among them, `/index.html`
 * asked for by name too, which @fastify/static would mark cacheable), whatever the route set: a
 * shared computer in a test centre must keep none of it.
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const isPage = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
      if (isPage || request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'no-store' },
);
