import type { AppModule } from '../module.js';
import { createMyDataService } from './my-data.service.js';
import { privacyRoutes } from './privacy.routes.js';
import { createRetentionService, type RetentionDeps } from './retention.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The retention purge's job, for tests and operational scripts (run it on demand). */
    privacy: PrivacyModule;
  }
}

export type PrivacyModule = ReturnType<typeof createPrivacyModule>;

/**
 * A person's own data, downloadable, and each association's retention purge. It reads the other
 * modules through their privacy read sides; no module depends on it.
 */
export function createPrivacyModule(
  deps: RetentionDeps & {
    /** How often the leader carries out confirmed purges; 0 turns the schedule off (tests). */
    purgeIntervalMs: number;
    log: (message: string, details?: Record<string, unknown>) => void;
  },
) {
  const myData = createMyDataService(deps);
  const retention = createRetentionService(deps);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const runLogged = () => {
    running = retention.runConfirmed().catch((error: unknown) =>
      deps.log('retention purge failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    return running;
  };

  return {
    myData,
    retention,
    routes: async (app) => {
      await app.register(privacyRoutes({ myData, retention }));
    },
    async start(): Promise<void> {
      if (deps.purgeIntervalMs > 0 && !timer) {
        timer = setInterval(() => void runLogged(), deps.purgeIntervalMs);
        timer.unref();
      }
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  } satisfies AppModule & Record<string, unknown>;
}
