import type { FastifyInstance } from 'fastify';
import { mailListQuerySchema, mailResolveRequestSchema } from '@exam/shared/api';
import { z } from 'zod';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { MailAdmin } from './mail.admin.js';

const idParams = z.object({ id: z.string().uuid() });

/** The Mail page: administrators (everything) and coordinators (their association's mail). */
export function mailRoutes(admin: MailAdmin) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['admin', 'coordinator'] } as const;

    app.get('/api/mail/messages', { config: staff }, async (request) => {
      const { status } = parseInput(mailListQuerySchema, request.query);
      return admin.list(scopeOf(actorOf(request)), status);
    });

    app.get('/api/mail/messages/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      return admin.get(scopeOf(actorOf(request)), id);
    });

    app.post('/api/mail/messages/:id/resolve', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const { action } = parseInput(mailResolveRequestSchema, request.body);
      const actor = actorOf(request);
      return admin.resolve(actor, scopeOf(actor), id, action);
    });
  };
}
