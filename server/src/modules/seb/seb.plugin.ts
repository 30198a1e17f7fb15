import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { RouteAccess } from '../auth/index.js';
import type { SittingsService } from '../sittings/index.js';
import {
  BROWSER_EXAM_KEY_HEADER,
  candidateUrls,
  CONFIG_KEY_HEADER,
  isSebHash,
  matchesAnyKey,
  sebPolicySchema,
  type SebPolicy,
} from './seb.verify.js';

export interface SebRefusal {
  candidateId: string;
  sittingId: string;
  url: string;
  reason: string;
  /** When it was refused (epoch ms): kept in the audit entry, the dashboard alert's identity. */
  at: number;
}

const CACHE_MS = 5_000;

/**
 * Whether a route acts on a candidate's seat or attempt: every route whose declared access
 * admits the candidate role (the exam socket's upgrade, the lobby, resume codes, results).
 * Routes open to any signed-in user (the session) and staff routes do not.
 */
export function actsOnCandidateAttempt(access: RouteAccess | undefined): boolean {
  return Array.isArray(access) && access.includes('candidate');
}

/**
 * Safe Exam Browser: when a candidate's open sitting requires it, every request they make
 * (pages, API calls and the websocket upgrade) must carry a Config Key hash for its own URL,
 * whatever other roles they hold (see actsOnCandidateAttempt for those who hold more than one).
 * A mismatch is refused with SEB_REQUIRED, logged, and reported so the proctor sees it.
 */
export default fp<{
  sittings: Pick<SittingsService, 'openSittingPoliciesFor'>;
  publicOrigin: string;
  clock: Clock;
  onRefused(refusal: SebRefusal): void;
}>(
  async (app, options) => {
    const cache = new Map<string, { at: number; sittingId: string | null; policy: SebPolicy }>();

    /** `upgradeId`: the websocket upgrade asking, whose hello may take the seat read here. */
    async function policyFor(candidateId: string, upgradeId?: string) {
      const now = options.clock.now().getTime();
      const cached = cache.get(candidateId);
      if (cached && now - cached.at < CACHE_MS) return cached;
      const seat = await options.sittings.openSittingPoliciesFor(candidateId, upgradeId);
      const parsed = sebPolicySchema.safeParse(seat?.policies.seb ?? {});
      const entry = {
        at: now,
        sittingId: seat?.sittingId ?? null,
        policy: parsed.success ? parsed.data : sebPolicySchema.parse({}),
      };
      cache.set(candidateId, entry);
      return entry;
    }

    function header(request: FastifyRequest, name: string): string | undefined {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    }

    app.addHook('preHandler', async (request) => {
      const user = request.user;
      if (!user?.roles.includes('candidate')) return;
      // A user who is only a candidate is checked on everything, pages included. One who also
      // holds another role is checked on every route that acts on their seat or attempt, and
      // may still reach their grader or staff pages outside Safe Exam Browser.
      const candidateOnly = user.roles.length === 1;
      if (!candidateOnly && !actsOnCandidateAttempt(request.routeOptions.config?.access)) return;
      const upgrade = request.headers.upgrade?.toLowerCase() === 'websocket';
      const { sittingId, policy } = await policyFor(user.id, upgrade ? request.id : undefined);
      if (!sittingId || !policy.required) return;
      const urls = candidateUrls(options.publicOrigin, request.url, upgrade);
      const configHash = header(request, CONFIG_KEY_HEADER);
      const examHash = header(request, BROWSER_EXAM_KEY_HEADER);
      let reason: string | undefined;
      if (!configHash) reason = 'no config key hash';
      else if (!isSebHash(configHash)) reason = 'config key hash is not 64 lower-case hex digits';
      else if (!matchesAnyKey(configHash, urls, policy.configKeys))
        reason = 'config key hash does not match';
      else if (policy.browserExamKeys.length > 0) {
        if (!examHash || !isSebHash(examHash))
          reason = 'browser exam key hash missing or not 64 lower-case hex digits';
        else if (!matchesAnyKey(examHash, urls, policy.browserExamKeys))
          reason = 'browser exam key hash does not match';
      }
      if (!reason) return;
      request.log.warn(
        { candidateId: user.id, sittingId, url: request.url, reason },
        'Safe Exam Browser check failed',
      );
      options.onRefused({
        candidateId: user.id,
        sittingId,
        url: request.url,
        reason,
        at: options.clock.now().getTime(),
      });
      throw new AppError(
        'SEB_REQUIRED',
        'This sitting must be taken in Safe Exam Browser with the configuration your proctor provided.',
        403,
      );
    });
  },
  { name: 'seb', dependencies: ['auth'] },
);
