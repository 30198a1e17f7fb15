import type { AppModule } from '../module.js';
import { retakesRoutes } from './retakes.routes.js';
import { createRetakesService, type RetakesService } from './retakes.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Retakes by part; `earliestRetakeDate(candidate, part)` feeds the candidate's dates page. */
    retakes: RetakesService;
  }
}

/** Retakes by part: requests, the association's rules, and approvals that enrol for one part. */
export function createRetakesModule(deps: Parameters<typeof createRetakesService>[0]) {
  const retakes = createRetakesService(deps);
  return {
    retakes,
    routes: async (app) => {
      await app.register(retakesRoutes({ retakes }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
