import type { FastifyInstance } from 'fastify';
import {
  accommodationAskSchema,
  accommodationDeclineSchema,
  accommodationRequestInputSchema,
  accommodationRequestStatusSchema,
  type AccommodationRequestList,
  type AccommodationRequestResponse,
  type MyAccommodationsResponse,
} from '@exam/shared/api';
import { z } from 'zod';
import { actorOf, scopeOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { AccommodationRequestsService } from './accommodation-requests.service.js';
import { consoleAccess } from './route-helpers.js';

const enrolmentParams = z.object({ enrolmentId: z.string().uuid() });
const documentParams = enrolmentParams.extend({ documentId: z.string().uuid() });
const listQuery = z.object({ status: accommodationRequestStatusSchema.optional() });

/** Up to five documents, base64 (4/3 of their size), and the request's few fields. */
export function requestBodyLimit(maxDocumentBytes: number): number {
  return Math.ceil((maxDocumentBytes * 5 * 4) / 3) + 64 * 1024;
}

/**
 * The candidate asks (`/api/accommodation-requests`); the coordinator reads and decides per
 * enrolment (`/api/enrolments/:enrolmentId/accommodation-request`).
 */
export function accommodationRequestRoutes(deps: {
  requests: AccommodationRequestsService;
  maxDocumentBytes: number;
}) {
  return async (app: FastifyInstance) => {
    const { requests } = deps;
    const candidate = { access: ['candidate'] } as const;

    app.get('/api/accommodation-requests/mine', { config: candidate }, async (request) => {
      const actor = actorOf(request);
      const response: MyAccommodationsResponse = await requests.mine(actor, scopeOf(actor));
      return response;
    });

    app.post(
      '/api/accommodation-requests',
      { config: candidate, bodyLimit: requestBodyLimit(deps.maxDocumentBytes) },
      async (request, reply) => {
        const actor = actorOf(request);
        const body = parseInput(accommodationRequestInputSchema, request.body);
        const response: AccommodationRequestResponse = {
          request: await requests.request(actor, scopeOf(actor), body),
        };
        return reply.status(201).send(response);
      },
    );

    app.get('/api/accommodation-requests', { config: consoleAccess }, async (request) => {
      const { status } = parseInput(listQuery, request.query);
      const response: AccommodationRequestList = {
        requests: await requests.list(scopeOf(actorOf(request)), status),
      };
      return response;
    });

    const base = '/api/enrolments/:enrolmentId/accommodation-request';
    app.get(base, { config: consoleAccess }, async (request) => {
      const { enrolmentId } = parseInput(enrolmentParams, request.params);
      const response: AccommodationRequestResponse = {
        request: await requests.forEnrolment(scopeOf(actorOf(request)), enrolmentId),
      };
      return response;
    });

    app.get(`${base}/documents/:documentId`, { config: consoleAccess }, async (request, reply) => {
      const actor = actorOf(request);
      const { enrolmentId, documentId } = parseInput(documentParams, request.params);
      const doc = await requests.readDocument(actor, scopeOf(actor), enrolmentId, documentId);
      const safeName = doc.fileName.replace(/[^\w.-]+/g, '_');
      return reply
        .header('content-type', doc.contentType)
        .header('content-disposition', `inline; filename="${safeName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(doc.content);
    });

    app.post(`${base}/approve`, { config: consoleAccess }, async (request) => {
      const actor = actorOf(request);
      const { enrolmentId } = parseInput(enrolmentParams, request.params);
      const grant = parseInput(accommodationAskSchema, request.body);
      const response: AccommodationRequestResponse = {
        request: await requests.approve(actor, scopeOf(actor), enrolmentId, grant),
      };
      return response;
    });

    app.post(`${base}/decline`, { config: consoleAccess }, async (request) => {
      const actor = actorOf(request);
      const { enrolmentId } = parseInput(enrolmentParams, request.params);
      const { reason } = parseInput(accommodationDeclineSchema, request.body);
      const response: AccommodationRequestResponse = {
        request: await requests.decline(actor, scopeOf(actor), enrolmentId, reason),
      };
      return response;
    });
  };
}
