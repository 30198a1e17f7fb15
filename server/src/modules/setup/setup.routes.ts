import type { FastifyInstance } from 'fastify';
import { firstAdminRequestSchema, setupLinkCheckSchema } from '@exam/shared/api';
import { parseInput } from '../../lib/validate.js';
import type { SetupService } from './setup.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** First-administrator setup; server.ts opens the link at start. */
    setup: SetupService;
  }
}

/**
 * The setup page's routes. Public, because nobody can be signed in before the first
 * administrator exists; what admits a caller is the link's token (sent in the body: it rides in
 * the page's URL fragment, which never reaches a server log), and only while no administrator
 * exists.
 */
export function setupRoutes(deps: { setup: SetupService }) {
  return async (app: FastifyInstance) => {
    const open = { access: 'public' } as const;

    app.post('/api/setup/check', { config: open }, async (request) => {
      const { token } = parseInput(setupLinkCheckSchema, request.body);
      await deps.setup.checkLink(token);
      return { usable: true };
    });

    app.post('/api/setup/administrator', { config: open }, async (request, reply) => {
      const { token, ...account } = parseInput(firstAdminRequestSchema, request.body);
      const user = await deps.setup.completeWithLink(token, account);
      return reply.status(201).send({ user });
    });
  };
}
