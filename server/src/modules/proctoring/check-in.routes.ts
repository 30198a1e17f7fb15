import type { FastifyInstance } from 'fastify';
import {
  checkInDecisionSchema,
  checkInNoCameraSchema,
  checkInPhotoUploadSchema,
  type MyCheckInLookup,
  type MyCheckInResponse,
  type ProctorCandidateResponse,
  type RosterCheckInsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { CheckInService } from './check-in.service.js';

const enrolmentParams = z.object({ enrolmentId: z.string().uuid() });
const photoParams = enrolmentParams.extend({ photoId: z.string().uuid() });
const sittingParams = z.object({ sittingId: z.string().uuid() });

/**
 * Identity at check-in: the candidate's own (`/api/check-in/mine`), and the proctor's view and
 * decision beside the roster (`/api/proctoring/...`).
 */
export function checkInRoutes(deps: { checkIn: CheckInService; maxPhotoBytes: number }) {
  return async (app: FastifyInstance) => {
    const { checkIn } = deps;
    const candidate = { access: ['candidate'] } as const;
    const staff = { access: ['proctor', 'coordinator', 'admin'] } as const;

    // No open sitting is an answer (checkIn: null), so the page can say so without an error.
    app.get('/api/check-in/mine', { config: candidate }, async (request) => {
      const response: MyCheckInLookup = { checkIn: await checkIn.mine(actorOf(request)) };
      return response;
    });

    app.post(
      '/api/check-in/mine/photos',
      // base64 is 4/3 of the bytes; the service gives the clear refusal below this.
      { config: candidate, bodyLimit: Math.ceil((deps.maxPhotoBytes * 4) / 3) + 16 * 1024 },
      async (request, reply) => {
        const { kind, dataBase64 } = parseInput(checkInPhotoUploadSchema, request.body);
        const response: MyCheckInResponse = {
          checkIn: await checkIn.addPhoto(actorOf(request), kind, dataBase64),
        };
        return reply.status(201).send(response);
      },
    );

    app.post('/api/check-in/mine/no-camera', { config: candidate }, async (request) => {
      const { note } = parseInput(checkInNoCameraSchema, request.body);
      const response: MyCheckInResponse = {
        checkIn: await checkIn.noCamera(actorOf(request), note),
      };
      return response;
    });

    app.get('/api/proctoring/sittings/:sittingId/check-ins', { config: staff }, async (request) => {
      const { sittingId } = parseInput(sittingParams, request.params);
      const response: RosterCheckInsResponse = await checkIn.roster(actorOf(request), sittingId);
      return response;
    });

    app.get(
      '/api/proctoring/enrolments/:enrolmentId/check-in/photos/:photoId',
      { config: staff },
      async (request, reply) => {
        const { enrolmentId, photoId } = parseInput(photoParams, request.params);
        const bytes = await checkIn.photo(actorOf(request), enrolmentId, photoId);
        return reply
          .header('content-type', 'image/jpeg')
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .send(bytes);
      },
    );

    app.post(
      '/api/proctoring/enrolments/:enrolmentId/check-in/decision',
      { config: staff },
      async (request) => {
        const { enrolmentId } = parseInput(enrolmentParams, request.params);
        const body = parseInput(checkInDecisionSchema, request.body);
        const admitted = await checkIn.decide(actorOf(request), enrolmentId, body);
        const response: Partial<ProctorCandidateResponse> & { decision: string } = {
          decision: body.decision,
          ...(admitted ? { candidate: admitted } : {}),
        };
        return response;
      },
    );
  };
}
