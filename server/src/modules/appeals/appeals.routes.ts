import type { FastifyInstance } from 'fastify';
import {
  appealRequestSchema,
  appealSettingsSchema,
  decideAppealRequestSchema,
  triageAppealRequestSchema,
  type AppealDetail,
  type AppealListResponse,
  type AppealSettings,
  type FindReviewerResponse,
  type MyAppealsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actingAssociationOf, actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { defaultAppealSettings } from './appeal-rules.js';
import type { AppealsService } from './appeals.service.js';
import type { AppealsViews } from './appeals.views.js';
import type { AppealReviewers } from './review-assignment.js';

const idParams = z.object({ id: z.string().uuid() });
const sittingParams = z.object({ sittingId: z.string().uuid() });
const listQuery = z.object({ sittingId: z.string().uuid().optional() });

/** The candidate's request and view, and the coordinator's handling, settings and report. */
export function appealsRoutes(deps: {
  appeals: AppealsService;
  views: AppealsViews;
  reviewers: Pick<AppealReviewers, 'findReviewer'>;
}) {
  return async (app: FastifyInstance) => {
    const candidate = { access: ['candidate'] } as const;
    const staff = { access: ['coordinator', 'admin'] } as const;
    const { appeals, views } = deps;

    app.get('/api/appeals/mine', { config: candidate }, async (request) => {
      const response: MyAppealsResponse = await views.mine(actorOf(request).id);
      return response;
    });

    app.post('/api/appeals', { config: candidate }, async (request, reply) => {
      const body = parseInput(appealRequestSchema, request.body);
      const saved = await appeals.request(actorOf(request), body);
      return reply.status(201).send({ id: saved.id });
    });

    app.get('/api/appeals', { config: staff }, async (request) => {
      const { sittingId } = parseInput(listQuery, request.query);
      const response: AppealListResponse = await views.list(scopeOf(actorOf(request)), sittingId);
      return response;
    });

    app.get('/api/appeals/settings', { config: staff }, async (request) => {
      const actor = actorOf(request);
      // An administrator acting for no association reads the defaults; saving needs one.
      const response: AppealSettings = actor.association
        ? await views.settings(actingAssociationOf(actor))
        : defaultAppealSettings;
      return response;
    });

    app.put('/api/appeals/settings', { config: staff }, async (request) => {
      const actor = actorOf(request);
      const body = parseInput(appealSettingsSchema, request.body);
      const response: AppealSettings = await views.saveSettings(
        actingAssociationOf(actor),
        actor,
        body,
      );
      return response;
    });

    app.get(
      '/api/appeals/sittings/:sittingId/report.csv',
      { config: staff },
      async (request, reply) => {
        const { sittingId } = parseInput(sittingParams, request.params);
        const actor = actorOf(request);
        const { filename, csv } = await views.report(scopeOf(actor), actor, sittingId);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );

    app.get('/api/appeals/:id', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const response: AppealDetail = await views.detail(scopeOf(actorOf(request)), id);
      return response;
    });

    app.post('/api/appeals/:id/triage', { config: staff }, async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(triageAppealRequestSchema, request.body);
      const actor = actorOf(request);
      await appeals.triage(scopeOf(actor), actor, id, body);
      return reply.status(204).send();
    });

    // An association's coordinator sends its own waiting appeal to review; the administrator
    // acting for no association has no appeal of their own to press it for.
    app.post(
      '/api/appeals/:id/find-reviewer',
      { config: { access: ['coordinator'] } },
      async (request) => {
        const { id } = parseInput(idParams, request.params);
        const actor = actorOf(request);
        const response: FindReviewerResponse = await deps.reviewers.findReviewer(
          scopeOf(actor),
          actor,
          id,
        );
        return response;
      },
    );

    app.post('/api/appeals/:id/decide', { config: staff }, async (request, reply) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(decideAppealRequestSchema, request.body);
      const actor = actorOf(request);
      await appeals.decide(scopeOf(actor), actor, id, body);
      return reply.status(204).send();
    });
  };
}
