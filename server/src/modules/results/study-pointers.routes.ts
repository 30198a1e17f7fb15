import { programmeContentEditors } from '@exam/shared/domain';
import type { FastifyInstance } from 'fastify';
import {
  studyPointerContentSchema,
  type StudyPointerResponse,
  type StudyPointersResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { actorOf } from '../../lib/request-actor.js';
import { parseDomain, type StudyPointersService } from './study-pointers.service.js';

const domainParams = z.object({ domain: z.string().max(100) });

/**
 * Study pointers, programme-wide: coordinators read them, administrators write them. Candidates
 * read pointers only inside their released results; graders and proctors have no use for them.
 */
export function studyPointersRoutes(deps: { pointers: StudyPointersService }) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;
    // Changing the programme's shared content is the programme's administrators' alone.
    const editors = { access: programmeContentEditors };
    const { pointers } = deps;

    app.get('/api/study-pointers', { config: staff }, async () => {
      const response: StudyPointersResponse = await pointers.list();
      return response;
    });

    app.put('/api/study-pointers/:domain', { config: editors }, async (request) => {
      const domain = parseDomain(parseInput(domainParams, request.params).domain);
      const content = parseInput(studyPointerContentSchema, request.body);
      const response: StudyPointerResponse = {
        pointer: await pointers.update(actorOf(request), domain, content),
      };
      return response;
    });
  };
}
