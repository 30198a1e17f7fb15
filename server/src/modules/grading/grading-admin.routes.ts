import { programmeContentEditors } from '@exam/shared/domain';
import type { FastifyInstance } from 'fastify';
import {
  createRubricVersionRequestSchema,
  declareConflictRequestSchema,
  gradingProgrammeRuleSchema,
  removeConflictRequestSchema,
  reopenReadingRequestSchema,
  responseCodeSchema,
  updateGraderRequestSchema,
  updateRubricRequestSchema,
  type GraderListResponse,
  type GraderResponse,
  type GradingProgrammeRule,
  type RubricListResponse,
  type RubricResponse,
  type RubricVersionCreatedResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { ProgrammeSettings } from '../auth/index.js';
import { standardKeepers } from './benchmarks.routes.js';
import { gradingScopeOf, type GradersService } from './graders.service.js';
import type { OwnAssociationRule } from './own-association-rule.js';
import type { ReopenService } from './reopen.service.js';
import type { RubricsService } from './rubrics.service.js';

const idParams = z.object({ id: z.string().uuid() });
const codeParams = z.object({ code: responseCodeSchema });

/** Coordinators' grading set-up: rubric versions, and graders' qualifications and conflicts. */
export function gradingAdminRoutes(deps: {
  rubrics: RubricsService;
  graders: GradersService;
  reopen: ReopenService;
  programme: Pick<ProgrammeSettings, 'excludeOwnAssociationGraders'>;
  ownAssociationRule: OwnAssociationRule;
}) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['coordinator', 'admin'] } as const;
    // Changing the programme's shared content is the programme's administrators' alone.
    const editors = { access: programmeContentEditors };
    const { rubrics, graders } = deps;

    // Chief graders read the rubrics too: they write benchmarks' agreed levels against them.
    app.get('/api/grading/rubrics', { config: standardKeepers }, async () => {
      const response: RubricListResponse = await rubrics.list();
      return response;
    });

    app.post('/api/grading/rubrics', { config: editors }, async (request, reply) => {
      const body = parseInput(createRubricVersionRequestSchema, request.body);
      const response: RubricVersionCreatedResponse = await rubrics.createVersion(
        actorOf(request),
        body.variant,
        body.content,
      );
      return reply.status(201).send(response);
    });

    app.put('/api/grading/rubrics/:id', { config: editors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(updateRubricRequestSchema, request.body);
      const response: RubricResponse = {
        rubric: await rubrics.update(actorOf(request), id, body.content),
      };
      return response;
    });

    app.get('/api/grading/graders', { config: staff }, async (request) => {
      const response: GraderListResponse = {
        graders: await graders.list(gradingScopeOf(actorOf(request))),
      };
      return response;
    });

    // Which variants a grader of the shared pool scores is the programme's decision (issue 20).
    app.put('/api/grading/graders/:id', { config: editors }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(updateGraderRequestSchema, request.body);
      const response: GraderResponse = {
        grader: await graders.update(actorOf(request), id, body),
      };
      return response;
    });

    app.post('/api/grading/graders/:id/conflicts', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(declareConflictRequestSchema, request.body);
      const scope = gradingScopeOf(actorOf(request));
      await graders.summaryOf(id, scope);
      await graders.declareConflict(actorOf(request), id, body);
      const response: GraderResponse = { grader: await graders.summaryOf(id, scope) };
      return response;
    });

    app.post('/api/grading/graders/:id/conflicts/remove', { config: staff }, async (request) => {
      const { id } = parseInput(idParams, request.params);
      const body = parseInput(removeConflictRequestSchema, request.body);
      await graders.removeConflict(actorOf(request), id, body.candidateEmail);
      const response: GraderResponse = {
        grader: await graders.summaryOf(id, gradingScopeOf(actorOf(request))),
      };
      return response;
    });

    // The programme's routing rule (graders of the candidate's own association or not) is the
    // programme's to set: administrators only; a coordinator may read it.
    app.get('/api/grading/programme-rule', { config: staff }, async () => {
      const response: GradingProgrammeRule = {
        excludeOwnAssociationGraders: await deps.programme.excludeOwnAssociationGraders(),
      };
      return response;
    });

    app.put('/api/grading/programme-rule', { config: { access: ['admin'] } }, async (request) => {
      const body = parseInput(gradingProgrammeRuleSchema, request.body);
      const response: GradingProgrammeRule = {
        excludeOwnAssociationGraders: (
          await deps.ownAssociationRule.set(actorOf(request), body.excludeOwnAssociationGraders)
        ).exclude,
      };
      return response;
    });

    // A submitted reading is final unless a coordinator reopens it (audited, with a reason).
    app.post('/api/grading/items/:code/reopen', { config: staff }, async (request, reply) => {
      const { code } = parseInput(codeParams, request.params);
      const body = parseInput(reopenReadingRequestSchema, request.body);
      const actor = actorOf(request);
      await deps.reopen.reopen(scopeOf(actor), actor, code, body);
      return reply.status(204).send();
    });
  };
}
