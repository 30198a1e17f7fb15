import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AppModule } from '../module.js';
import { createMailOutbox } from './mail.outbox.js';
import { createMailTransport, type MailTransport } from './mail.transport.js';
import type { MailBrandingSource, MailOutbox } from './mail.types.js';
import { createMailWorker } from './mail.worker.js';

export interface MailModuleDeps {
  db: Db;
  clock: Clock;
  branding: MailBrandingSource;
  /** SMTP_URL; absent: the database catcher (the embedded default). */
  smtpUrl?: string | undefined;
  /** MAIL_FROM: the platform's sender when an association has none. */
  mailFrom: string;
  pollMs: number;
  maxAttempts: number;
  backoffBaseMs?: number;
  leaseMs?: number;
  /** Only the leader instance sends (see mail.worker.ts); absent, this one does. */
  leads?: () => boolean;
  /** Tests hand in a transport that stops between the send and the mark. */
  transport?: MailTransport;
  log: (
    level: 'info' | 'warn' | 'error',
    message: string,
    details?: Record<string, unknown>,
  ) => void;
}

export type MailModule = ReturnType<typeof createMailModule>;

/**
 * The platform's mail: the outbox other modules enqueue through (inside their transactions),
 * the worker that sends on the leader, and the administrators' Mail page. Low in the order, like
 * audit: it imports no other module; app.ts builds it before auth.
 */
export function createMailModule(deps: MailModuleDeps) {
  const transport =
    deps.transport ?? createMailTransport({ smtpUrl: deps.smtpUrl, defaultFrom: deps.mailFrom });
  const worker = createMailWorker({
    db: deps.db,
    clock: deps.clock,
    transport,
    log: deps.log,
    pollMs: deps.pollMs,
    maxAttempts: deps.maxAttempts,
    ...(deps.backoffBaseMs !== undefined ? { backoffBaseMs: deps.backoffBaseMs } : {}),
    ...(deps.leaseMs !== undefined ? { leaseMs: deps.leaseMs } : {}),
    ...(deps.leads ? { leads: deps.leads } : {}),
  });
  const outbox: MailOutbox = createMailOutbox({
    db: deps.db,
    clock: deps.clock,
    branding: deps.branding,
    wake: () => worker.wake(),
  });
  return {
    outbox,
    worker,
    transportKind: transport.kind,
    start: () => worker.start(),
    stop: () => worker.stop(),
  } satisfies AppModule & Record<string, unknown>;
}
