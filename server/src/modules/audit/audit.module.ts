import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Leadership } from '../../events/leader.js';
import type { SigningKey } from '../../lib/ed25519.js';
import type { Clock } from '../../lib/clock.js';
import { createAuditAdmin, type AuditAdminDeps } from './audit.admin.js';
import { createCheckpointer } from './audit.checkpoints.js';
import { auditRoutes } from './audit.routes.js';
import type { AppModule } from '../module.js';
import type { AuditService } from './audit.service.js';

export interface AuditModuleDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  users: AuditAdminDeps['users'];
  key: SigningKey;
  checkpointEveryEntries: number;
  checkpointEveryMinutes: number;
  /** With several instances, only the leader signs periodic checkpoints, fenced by its epoch. */
  leadership?: Pick<Leadership, 'isLeader' | 'fence'>;
  log: FastifyInstance['log'];
}

/**
 * Checkpoints of the chain's head and the administrators' audit page. The audit service itself
 * (the chain every module appends to) is built first in app.ts and handed in: every other
 * module depends on it, while this page reads users, so it comes last.
 */
export function createAuditModule(deps: AuditModuleDeps) {
  const checkpointer = createCheckpointer({
    db: deps.db,
    clock: deps.clock,
    key: deps.key,
    everyEntries: deps.checkpointEveryEntries,
    everyMs: deps.checkpointEveryMinutes * 60_000,
    ...(deps.leadership ? { leadership: deps.leadership } : {}),
    log: (level, message, details) => deps.log[level](details, message),
  });
  const admin = createAuditAdmin({
    ...deps,
    checkpointer,
    log: (message, details) => deps.log.error(details, message),
  });
  return {
    routes: auditRoutes(admin),
    checkpointer,
    /** Signs what is due at once, then polls. */
    start: () => checkpointer.start(),
    /** Signs the head at shutdown, so the last entries are anchored too. */
    stop: () => checkpointer.stop(),
  } satisfies AppModule & Record<string, unknown>;
}
