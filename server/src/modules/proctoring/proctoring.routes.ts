import type { FastifyInstance } from 'fastify';
import {
  admitRequestSchema,
  creditDisconnectRequestSchema,
  extendTimeRequestSchema,
  proctorReasonRequestSchema,
  recordIncidentRequestSchema,
  redeemResumeCodeRequestSchema,
  type DisconnectsResponse,
  type IncidentReport,
  type IncidentResponse,
  type LedgerResponse,
  type LobbyResponse,
  type ProctorCandidateResponse,
  type ProctorSittingsResponse,
  type ResumeCodeResponse,
  type RoomActionResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import { sessionKeyOf } from '../delivery/index.js';
import type { CandidateLobby } from './candidate-lobby.js';
import { incidentReportCsv, incidentReportFileName } from './incident-report.js';
import type { ProctoringService } from './proctoring.service.js';
import type { ResumeCodes } from './resume-codes.js';

const enrolmentParams = z.object({ enrolmentId: z.string().uuid() });
const sittingParams = z.object({ sittingId: z.string().uuid() });

/**
 * `/api/proctoring/...`: the proctor's actions on one candidate or a whole sitting, and the
 * candidate's lobby and resume-code entry. Live state is pushed over `/ws/proctor`.
 */
export function proctoringRoutes(deps: {
  proctoring: ProctoringService;
  resumeCodes: ResumeCodes;
  lobby: CandidateLobby;
}) {
  return async (app: FastifyInstance) => {
    const staff = { access: ['proctor', 'coordinator', 'admin'] } as const;
    const candidate = { access: ['candidate'] } as const;
    const { proctoring } = deps;

    app.get('/api/proctoring/sittings', { config: staff }, async (request) => {
      const response: ProctorSittingsResponse = {
        sittings: await proctoring.listSittings(actorOf(request)),
      };
      return response;
    });

    const perCandidate = (
      action: string,
      run: (
        actor: ReturnType<typeof actorOf>,
        enrolmentId: string,
        body: unknown,
      ) => Promise<ProctorCandidateResponse['candidate']>,
    ) =>
      app.post(
        `/api/proctoring/enrolments/:enrolmentId/${action}`,
        { config: staff },
        async (request) => {
          const actor = actorOf(request);
          const { enrolmentId } = parseInput(enrolmentParams, request.params);
          const response: ProctorCandidateResponse = {
            candidate: await run(actor, enrolmentId, request.body),
          };
          return response;
        },
      );

    perCandidate('admit', (actor, id, body) =>
      proctoring.admit(actor, id, parseInput(admitRequestSchema, body)?.reason),
    );
    perCandidate('pause', (actor, id, body) =>
      proctoring.pause(actor, id, parseInput(proctorReasonRequestSchema, body)),
    );
    perCandidate('resume', (actor, id, body) =>
      proctoring.resume(actor, id, parseInput(proctorReasonRequestSchema, body)),
    );
    perCandidate('extend', (actor, id, body) => {
      const { minutes, ...link } = parseInput(extendTimeRequestSchema, body);
      return proctoring.extend(actor, id, minutes, link);
    });
    perCandidate('end', (actor, id, body) =>
      proctoring.end(actor, id, parseInput(proctorReasonRequestSchema, body)),
    );
    perCandidate('credit', (actor, id, body) => {
      const { disconnectId, ...link } = parseInput(creditDisconnectRequestSchema, body);
      return proctoring.creditDisconnect(actor, id, disconnectId, link);
    });

    app.get(
      '/api/proctoring/enrolments/:enrolmentId/disconnects',
      { config: staff },
      async (request) => {
        const { enrolmentId } = parseInput(enrolmentParams, request.params);
        const response: DisconnectsResponse = {
          disconnects: await proctoring.disconnects(actorOf(request), enrolmentId),
        };
        return response;
      },
    );

    app.post(
      '/api/proctoring/enrolments/:enrolmentId/resume-code',
      { config: staff },
      async (request) => {
        const actor = actorOf(request);
        const { enrolmentId } = parseInput(enrolmentParams, request.params);
        const attemptId = await proctoring.attemptForCode(actor, enrolmentId);
        const { code, expiresAt } = await deps.resumeCodes.issue(
          attemptId,
          actor.id,
          scopeOf(actor),
        );
        const response: ResumeCodeResponse = { code, expiresAt: expiresAt.getTime() };
        return response;
      },
    );

    for (const [action, pause] of [
      ['pause', true],
      ['resume', false],
    ] as const) {
      app.post(
        `/api/proctoring/sittings/:sittingId/${action}`,
        { config: staff },
        async (request) => {
          const actor = actorOf(request);
          const { sittingId } = parseInput(sittingParams, request.params);
          const link = parseInput(proctorReasonRequestSchema, request.body);
          const response: RoomActionResponse = await proctoring.setRoomPaused(
            actor,
            sittingId,
            pause,
            link,
          );
          return response;
        },
      );
    }

    app.post(
      '/api/proctoring/sittings/:sittingId/incidents',
      { config: staff },
      async (request, reply) => {
        const actor = actorOf(request);
        const { sittingId } = parseInput(sittingParams, request.params);
        const body = parseInput(recordIncidentRequestSchema, request.body);
        const response: IncidentResponse = {
          incident: await proctoring.recordIncident(actor, sittingId, body),
        };
        return reply.status(201).send(response);
      },
    );

    app.get(
      '/api/proctoring/enrolments/:enrolmentId/ledger',
      { config: staff },
      async (request) => {
        const { enrolmentId } = parseInput(enrolmentParams, request.params);
        const response: LedgerResponse = {
          entries: await proctoring.ledger(actorOf(request), enrolmentId),
        };
        return response;
      },
    );

    // The incident report a coordinator files with the credentialing body; the sitting's own
    // proctors may read it too, a proctor of another sitting may not.
    app.get(
      '/api/proctoring/sittings/:sittingId/incident-report',
      { config: staff },
      async (request) => {
        const { sittingId } = parseInput(sittingParams, request.params);
        const response: IncidentReport = await proctoring.incidentReport(
          actorOf(request),
          sittingId,
        );
        return response;
      },
    );

    app.get(
      '/api/proctoring/sittings/:sittingId/incident-report.csv',
      { config: staff },
      async (request, reply) => {
        const { sittingId } = parseInput(sittingParams, request.params);
        const report = await proctoring.incidentReport(actorOf(request), sittingId);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${incidentReportFileName(report.sitting.name)}"`,
          )
          .header('cache-control', 'no-store')
          .send(incidentReportCsv(report));
      },
    );

    app.get('/api/proctoring/lobby', { config: candidate }, async (request) => {
      const response: LobbyResponse = await deps.lobby.lobby(actorOf(request).id);
      return response;
    });

    app.post('/api/proctoring/resume-codes/redeem', { config: candidate }, async (request) => {
      const actor = actorOf(request);
      const { code } = parseInput(redeemResumeCodeRequestSchema, request.body);
      const attemptId = await deps.lobby.attemptOf(actor.id);
      await deps.resumeCodes.redeem(attemptId, code, sessionKeyOf(request.sessionToken), actor.id);
      return { ok: true };
    });
  };
}
