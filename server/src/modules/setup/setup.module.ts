import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { AppModule } from '../module.js';
import { setupRoutes } from './setup.routes.js';
import { createSetupService } from './setup.service.js';

/** The one-time link that creates the first administrator. */
export function createSetupModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'hasAdministrator' | 'createAdministratorWithin'>;
}) {
  const setup = createSetupService(deps);
  return {
    setup,
    routes: setupRoutes({ setup }),
  } satisfies AppModule & Record<string, unknown>;
}
