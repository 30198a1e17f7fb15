import type { FastifyInstance } from 'fastify';
import type { LettersResponse, LetterVerification } from '@exam/shared/api';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { actorOf } from '../../lib/request-actor.js';
import { parseInput } from '../../lib/validate.js';
import type { LettersService } from './letters.service.js';

const sittingParams = z.object({ sittingId: z.string().uuid() });
const letterParams = sittingParams.extend({ candidateId: z.string().uuid() });
const verifyParams = z.object({ identifier: z.string().max(200) });

/**
 * Checks per address per minute on the public verification page: plenty for a person checking a
 * letter or two, a brake on anyone walking identifiers (which 256 random bits defeat anyway).
 */
const VERIFICATIONS_PER_MINUTE = 30;

/** Results letters for the people who may hold them, and the public check of a letter. */
export function lettersRoutes(deps: { letters: LettersService }) {
  return async (app: FastifyInstance) => {
    const { letters } = deps;
    const limiter = new RateLimiterMemory({ points: VERIFICATIONS_PER_MINUTE, duration: 60 });

    app.get('/api/letters/mine', { config: { access: ['candidate'] } }, async (request) => {
      const response: LettersResponse = await letters.mine(actorOf(request));
      return response;
    });

    app.get(
      '/api/letters/sittings/:sittingId',
      { config: { access: ['coordinator', 'admin'] } },
      async (request) => {
        const { sittingId } = parseInput(sittingParams, request.params);
        const response: LettersResponse = await letters.ofSitting(actorOf(request), sittingId);
        return response;
      },
    );

    // Signed-in people without letters (graders, proctors) get the 404 a stranger's letter gets.
    app.get(
      '/api/letters/sittings/:sittingId/candidates/:candidateId/letter.pdf',
      { config: { access: 'authenticated' } },
      async (request, reply) => {
        const { sittingId, candidateId } = parseInput(letterParams, request.params);
        const { filename, pdf } = await letters.letterPdf(actorOf(request), sittingId, candidateId);
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(pdf);
      },
    );

    app.get('/api/verify/:identifier', { config: { access: 'public' } }, async (request) => {
      const { identifier } = parseInput(verifyParams, request.params);
      try {
        await limiter.consume(request.ip);
      } catch {
        throw new AppError('RATE_LIMITED', 'Too many checks; wait a minute and try again.', 429);
      }
      const response: LetterVerification = await letters.verify(identifier);
      return response;
    });
  };
}
