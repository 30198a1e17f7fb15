import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { AppModule } from '../module.js';
import type { SittingsService } from '../sittings/index.js';
import sebPlugin, { type SebRefusal } from './seb.plugin.js';

export type SebModule = ReturnType<typeof createSebModule>;

/**
 * Safe Exam Browser: the check on every candidate request (a root-level plugin, after auth's),
 * and its refusals, audited here and emitted on `refusals` for the proctor's live view.
 */
export function createSebModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'appendNow'>;
  sittings: Pick<SittingsService, 'openSittingPoliciesFor'>;
  publicOrigin: string;
  log: Pick<FastifyBaseLogger, 'error'>;
}) {
  const refusals = new EventEmitter<{ refused: [SebRefusal] }>();

  function onRefused(refusal: SebRefusal): void {
    const entry = {
      actorId: refusal.candidateId,
      action: 'seb.refused',
      subjectType: 'sitting',
      subjectId: refusal.sittingId,
      details: { url: refusal.url, reason: refusal.reason, at: refusal.at },
    };
    // The refusal itself must not wait on (or fail with) the audit write.
    deps.audit
      .appendNow(deps.db, entry)
      .catch((error: unknown) => deps.log.error({ err: error }, 'audit failed'));
    refusals.emit('refused', refusal);
  }

  return {
    refusals,
    plugin: fp(async (app: FastifyInstance) => {
      await app.register(sebPlugin, { ...deps, onRefused });
    }),
  } satisfies AppModule & Record<string, unknown>;
}
