import type { AppModule } from '../module.js';
import { candidatesRoutes } from './candidates.routes.js';
import type { SittingsDeps } from './sittings.deps.js';
import { sittingsRoutes } from './sittings.routes.js';
import { createSittingsService } from './sittings.service.js';
import { createSittingReminders } from './sitting-reminders.js';
import { accommodationRequestRoutes } from './accommodation-requests.routes.js';
import { createAccommodationRequestsService } from './accommodation-requests.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The 24-hour reminder job, for tests and operational scripts (run it on demand). */
    sittingReminders: { runDue(): Promise<number> };
  }
}

/**
 * Sittings, enrolment and candidates' accommodations. Delivery's attempt-status reader and
 * accommodation ledger arrive in `deps` (delivery depends on sittings, not the other way).
 */
export function createSittingsModule(
  deps: SittingsDeps & {
    /** Only the leader runs the reminder job. */
    leadership?: { isLeader(): boolean };
    /** How often the leader looks for sittings starting within 24 hours; 0: never (tests). */
    reminderIntervalMs?: number;
    log?: (message: string, details?: Record<string, unknown>) => void;
  },
) {
  const sittings = createSittingsService(deps);
  const reminders = createSittingReminders(deps);
  const maxDocumentBytes = deps.maxDocumentBytes ?? 5 * 1024 * 1024;
  const accommodationRequests = createAccommodationRequestsService({
    ...deps,
    candidates: sittings,
    announce: (ids, reason) => deps.accommodationLedger.announce(ids, reason),
    maxDocumentBytes,
  });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const runLogged = () => {
    running = reminders.runDue().catch((error: unknown) =>
      deps.log?.('sitting reminders failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    return running;
  };
  return {
    sittings,
    reminders,
    async start(): Promise<void> {
      const every = deps.reminderIntervalMs ?? 0;
      if (every > 0 && !timer) {
        timer = setInterval(() => void runLogged(), every);
        timer.unref();
      }
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    routes: async (app) => {
      await app.register(sittingsRoutes({ sittings }));
      await app.register(candidatesRoutes({ sittings }));
      await app.register(
        accommodationRequestRoutes({ requests: accommodationRequests, maxDocumentBytes }),
      );
    },
  } satisfies AppModule & Record<string, unknown>;
}
