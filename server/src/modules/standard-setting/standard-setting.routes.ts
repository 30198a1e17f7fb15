import { programmeContentEditors } from '@exam/shared/domain';
import type { FastifyInstance } from 'fastify';
import {
  addPanelistRequestSchema,
  adoptCutRequestSchema,
  createStudyRequestSchema,
  saveRatingRequestSchema,
  type MyStudiesResponse,
  type PanelViewResponse,
  type PanelistOptionsResponse,
  type StudyListResponse,
  type StudyResponse,
  type UserSummary,
} from '@exam/shared/api';
import { z } from 'zod';
import { parseInput } from '../../lib/validate.js';
import { actorOf } from '../../lib/request-actor.js';
import type { PanelService } from './panel.service.js';
import type { StandardSettingService } from './standard-setting.service.js';
import { programmeScope, type Scope } from '../../db/association-scope.js';

const idParams = z.object({ id: z.string().uuid() });

/** Standard-setting studies for coordinators; the rating screens for panelists. */
export function standardSettingRoutes(deps: {
  studies: StandardSettingService;
  panel: PanelService;
  users: { list(scope: Scope): Promise<UserSummary[]> };
}) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;
    // Changing the programme's shared content is the programme's administrators' alone.
    const editors = { access: programmeContentEditors };
    const panelist = { access: ['panelist'] } as const;
    const { studies, panel } = deps;

    app.get('/api/standard-setting/studies', { config: staff }, async () => {
      const response: StudyListResponse = { studies: await studies.list() };
      return response;
    });

    app.post('/api/standard-setting/studies', { config: editors }, async (request, reply) => {
      const body = parseInput(createStudyRequestSchema, request.body);
      const response: StudyResponse = { study: await studies.create(actorOf(request), body) };
      return reply.status(201).send(response);
    });

    app.get('/api/standard-setting/studies/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: StudyResponse = { study: await studies.detail(id) };
      return response;
    });

    /** Users who may be invited: active holders of the panelist role. */
    app.get('/api/standard-setting/panelists', { config: staff }, async () => {
      const users = await deps.users.list(programmeScope);
      const response: PanelistOptionsResponse = {
        panelists: users
          .filter((u) => !u.disabled && u.roles.includes('panelist'))
          .map((u) => ({ id: u.id, name: u.displayName })),
      };
      return response;
    });

    app.post(
      '/api/standard-setting/studies/:id/panelists',
      { config: editors },
      async (request) => {
        const { id } = parseInput(idParams, request.params);
        const { userId } = parseInput(addPanelistRequestSchema, request.body);
        const response: StudyResponse = {
          study: await studies.addPanelist(actorOf(request), id, userId),
        };
        return response;
      },
    );

    app.post(
      '/api/standard-setting/studies/:id/round-two',
      { config: editors },
      async (request) => {
        const { id } = parseInput(idParams, request.params);
        const response: StudyResponse = { study: await studies.openRoundTwo(actorOf(request), id) };
        return response;
      },
    );

    app.post('/api/standard-setting/studies/:id/adopt', { config: editors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(adoptCutRequestSchema, request.body);
      const response: StudyResponse = { study: await studies.adopt(actorOf(request), id, body) };
      return response;
    });

    app.get('/api/standard-setting/panel', { config: panelist }, async (request) => {
      const response: MyStudiesResponse = await panel.myStudies(actorOf(request));
      return response;
    });

    app.get('/api/standard-setting/panel/:id', { config: panelist }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: PanelViewResponse = { study: await panel.view(actorOf(request), id) };
      return response;
    });

    app.put('/api/standard-setting/panel/:id/ratings', { config: panelist }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(saveRatingRequestSchema, request.body);
      await panel.rate(actorOf(request), id, body);
      return { saved: true };
    });
  };
}
