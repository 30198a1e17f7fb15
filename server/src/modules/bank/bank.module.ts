import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { AppModule } from '../module.js';
import { bankRoutes } from './bank.routes.js';
import { createBankService } from './bank.service.js';
import { bankExchangeRoutes, createBankExchange } from './qti/index.js';
import { bankReviewRoutes } from './review.routes.js';

/** The item bank, the Part One forms assembled from it, review marks and QTI 3 exchange. */
export function createBankModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendNow'>;
}) {
  const bank = createBankService(deps);
  const exchange = createBankExchange(deps);
  return {
    bank,
    routes: async (app) => {
      await app.register(bankRoutes({ bank }));
      await app.register(bankReviewRoutes({ bank }));
      await app.register(bankExchangeRoutes(exchange));
    },
  } satisfies AppModule & Record<string, unknown>;
}
