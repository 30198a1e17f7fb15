import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  changePasswordRequestSchema,
  passwordConfirmRequestSchema,
  twoFactorCodeRequestSchema,
  type AccountSessionsResponse,
  type RecoveryCodesResponse,
  type TwoFactorEnrolment,
  type TwoFactorStatus,
} from '@exam/shared/api';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { AccountService } from './account.service.js';
import { TWO_FACTOR_ROLES, type TwoFactorService } from './two-factor.service.js';

/** Everyone but candidates, who are never asked for a second factor at an exam desk. */
const STAFF = TWO_FACTOR_ROLES;

const sessionParamsSchema = z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) });
const userParamsSchema = z.object({ userId: z.string().uuid() });

function tokenOf(request: FastifyRequest): string {
  if (!request.sessionToken) throw new AppError('UNAUTHENTICATED', 'Please sign in.', 401);
  return request.sessionToken;
}

/** The signed-in user's own settings: password, sessions, second factor. */
export function accountRoutes(deps: { account: AccountService; twoFactor: TwoFactorService }) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/account/password',
      { config: { access: 'authenticated' } },
      async (request, reply) => {
        const body = parseInput(changePasswordRequestSchema, request.body);
        await deps.account.changePassword(actorOf(request), tokenOf(request), {
          ...body,
          address: request.ip,
        });
        return reply.status(204).send();
      },
    );

    // Open before enrolment too: seeing and ending one's own sessions is never a risk.
    app.get(
      '/api/account/sessions',
      { config: { access: 'authenticated', beforeTwoFactor: true } },
      async (request) => {
        const response: AccountSessionsResponse = {
          sessions: await deps.account.sessions(actorOf(request), tokenOf(request)),
        };
        return response;
      },
    );

    app.delete(
      '/api/account/sessions/:sessionId',
      { config: { access: 'authenticated', beforeTwoFactor: true } },
      async (request, reply) => {
        const { sessionId } = parseInput(sessionParamsSchema, request.params);
        await deps.account.revokeSession(actorOf(request), sessionId);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/account/two-factor',
      { config: { access: 'authenticated', beforeTwoFactor: true } },
      async (request) => {
        const response: TwoFactorStatus = await deps.twoFactor.status(actorOf(request));
        return response;
      },
    );

    app.post(
      '/api/account/two-factor/enrolment',
      { config: { access: STAFF, beforeTwoFactor: true } },
      async (request) => {
        const response: TwoFactorEnrolment = await deps.twoFactor.startEnrolment(actorOf(request));
        return response;
      },
    );

    app.post(
      '/api/account/two-factor/confirm',
      { config: { access: STAFF, beforeTwoFactor: true } },
      async (request) => {
        const { code } = parseInput(twoFactorCodeRequestSchema, request.body);
        const response: RecoveryCodesResponse = {
          recoveryCodes: await deps.twoFactor.confirmEnrolment(actorOf(request), code),
        };
        return response;
      },
    );

    app.post(
      '/api/account/two-factor/disable',
      { config: { access: 'authenticated' } },
      async (request, reply) => {
        const { password } = parseInput(passwordConfirmRequestSchema, request.body);
        await deps.twoFactor.disable(actorOf(request), password, request.ip);
        return reply.status(204).send();
      },
    );

    // An administrator clears a user's second factor: a lost device and no recovery code left.
    app.post(
      '/api/users/:userId/two-factor/reset',
      { config: { access: ['admin'] } },
      async (request, reply) => {
        const { userId } = parseInput(userParamsSchema, request.params);
        await deps.twoFactor.adminReset(actorOf(request), userId);
        return reply.status(204).send();
      },
    );
  };
}
