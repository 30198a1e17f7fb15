import type { AppModule } from '../module.js';
import { candidatesRoutes } from './candidates.routes.js';
import type { SittingsDeps } from './sittings.deps.js';
import { sittingsRoutes } from './sittings.routes.js';
import { createSittingsService } from './sittings.service.js';
import { createSittingReminders } from './sitting-reminders.js';
import { accommodationRequestRoutes } from './accommodation-requests.routes.js';
import { createAccommodationRequestsService } from './accommodation-requests.service.js';
import { createSittingClock } from './sitting-clock.js';
import { sittingClockRoutes } from './sitting-clock.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The 24-hour reminder job, for tests and operational scripts (run it on demand). */
    sittingReminders: { runDue(): Promise<number> };
    /** The sitting clock's job, for tests (run it on demand after moving the manual clock). */
    sittingClock: { runDue(): Promise<number> };
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
    /** How often the leader opens and closes sittings that are due; 0: never (tests run it). */
    clockIntervalMs?: number;
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
  const clock = createSittingClock({ ...deps, schedule: sittings });
  let timer: NodeJS.Timeout | undefined;
  let clockTimer: NodeJS.Timeout | undefined;
  let ticking: Promise<unknown> = Promise.resolve();
  const tick = () => {
    ticking = clock.runDue().catch((error: unknown) =>
      deps.log?.('sitting clock failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    return ticking;
  };
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
    /** The sitting's clock: the leader's job, and the override behind the routes. */
    clock,
    async start(): Promise<void> {
      const every = deps.reminderIntervalMs ?? 0;
      if (every > 0 && !timer) {
        timer = setInterval(() => void runLogged(), every);
        timer.unref();
      }
      const clockEvery = deps.clockIntervalMs ?? 0;
      if (clockEvery > 0 && !clockTimer) {
        clockTimer = setInterval(() => void tick(), clockEvery);
        clockTimer.unref();
      }
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      if (clockTimer) clearInterval(clockTimer);
      timer = undefined;
      clockTimer = undefined;
      await Promise.all([running, ticking]);
    },
    routes: async (app) => {
      await app.register(sittingsRoutes({ sittings }));
      await app.register(candidatesRoutes({ sittings }));
      await app.register(
        accommodationRequestRoutes({ requests: accommodationRequests, maxDocumentBytes }),
      );
      await app.register(sittingClockRoutes({ db: deps.db, clock }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
