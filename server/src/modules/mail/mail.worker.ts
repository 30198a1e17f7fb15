import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import * as repo from './mail.repo.js';
import type { MailTransport } from './mail.transport.js';

export interface MailWorkerDeps {
  db: Db;
  clock: Clock;
  transport: MailTransport;
  /** With several instances, only the leader sends; absent, this one does. */
  leads?: () => boolean;
  log: (
    level: 'info' | 'warn' | 'error',
    message: string,
    details?: Record<string, unknown>,
  ) => void;
  /** How often it looks for due mail; 0: only when ticked (tests) or woken. */
  pollMs: number;
  /** Attempts before a message is `failed` with its last error. */
  maxAttempts: number;
  /** The first retry waits this long, each next one twice as long (capped at an hour). */
  backoffBaseMs?: number;
  /** A row `sending` for longer than this was left by a dead worker: it becomes `uncertain`. */
  leaseMs?: number;
  batchSize?: number;
}

export type MailWorker = ReturnType<typeof createMailWorker>;

/** Kinds whose link the log prints on the embedded default, so the demo works without SMTP. */
const loggedKinds = new Set(['invitation', 'password-reset', 'account-locked']);

export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Sends what is due. Each message is claimed (status `sending`, committed) before the transport
 * is called and marked after it answered, so a crash in between can never lead to a second
 * automatic send: the row stays `sending`, and after the lease it is `uncertain` for an
 * administrator. Claims use FOR UPDATE SKIP LOCKED, so even two workers never take one row.
 */
export function createMailWorker(deps: MailWorkerDeps) {
  const baseMs = deps.backoffBaseMs ?? 30_000;
  const leaseMs = deps.leaseMs ?? 10 * 60_000;
  const batchSize = deps.batchSize ?? 20;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;

  async function deliver(row: repo.MailRow): Promise<void> {
    try {
      await deps.transport.send(row);
      await repo.markSent(deps.db, row, deps.clock.now(), deps.transport.kind);
      if (deps.transport.kind === 'catcher' && row.link && loggedKinds.has(row.kind)) {
        deps.log('info', `mail: ${row.kind} for ${row.toAddress}: ${row.link}`);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (row.attempts >= deps.maxAttempts) {
        await repo.markFailed(deps.db, row, message);
        deps.log('error', 'mail failed for good', {
          id: row.id,
          attempts: row.attempts,
          error: message,
        });
      } else {
        const next = new Date(deps.clock.now().getTime() + backoffMs(row.attempts, baseMs));
        await repo.markRetry(deps.db, row, message, next);
        deps.log('warn', 'mail will be retried', {
          id: row.id,
          attempts: row.attempts,
          next,
          error: message,
        });
      }
    }
  }

  async function tickOnce(): Promise<number> {
    if (deps.leads && !deps.leads()) return 0;
    const now = deps.clock.now();
    const stale = await repo.markStaleUncertain(deps.db, new Date(now.getTime() - leaseMs));
    if (stale.length > 0)
      deps.log('warn', 'mail left sending by a stopped sender is uncertain', { ids: stale });
    const rows = await repo.claimDue(deps.db, now, batchSize);
    for (const row of rows) await deliver(row);
    return rows.length;
  }

  /** One pass; a pass already running is joined, and asked to look once more when done. */
  async function tick(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let sent = 0;
      do {
        again = false;
        sent += await tickOnce();
      } while (again && !stopped);
      return sent;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  function safeTick(): void {
    tick().catch((error: unknown) => deps.log('error', 'mail worker pass failed', { error }));
  }

  return {
    tick,
    /** After a commit that queued mail: send now rather than at the next poll. */
    wake(): void {
      if (!stopped) safeTick();
    },
    async start(): Promise<void> {
      stopped = false;
      if (deps.pollMs > 0) {
        timer = setInterval(safeTick, deps.pollMs);
        timer.unref();
      }
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
      deps.transport.close();
    },
  };
}
