import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { AppModule } from '../module.js';
import { bankRoutes } from './bank.routes.js';
import { createBankService } from './bank.service.js';

/** The item bank and the Part One forms assembled from it. */
export function createBankModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendNow'>;
}) {
  const bank = createBankService(deps);
  return { bank, routes: bankRoutes({ bank }) } satisfies AppModule & Record<string, unknown>;
}
