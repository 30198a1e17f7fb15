import type { AppModule } from '../module.js';
import { candidatesRoutes } from './candidates.routes.js';
import type { SittingsDeps } from './sittings.deps.js';
import { sittingsRoutes } from './sittings.routes.js';
import { createSittingsService } from './sittings.service.js';

/**
 * Sittings, enrolment and candidates' accommodations. Delivery's attempt-status reader and
 * accommodation ledger arrive in `deps` (delivery depends on sittings, not the other way).
 */
export function createSittingsModule(deps: SittingsDeps) {
  const sittings = createSittingsService(deps);
  return {
    sittings,
    routes: async (app) => {
      await app.register(sittingsRoutes({ sittings }));
      await app.register(candidatesRoutes({ sittings }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
