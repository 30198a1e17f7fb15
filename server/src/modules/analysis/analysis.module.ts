import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import { createDeliveryAnalysis } from '../delivery/index.js';
import { createSittingResultsAccess } from '../sittings/index.js';
import { analysisRoutes } from './analysis.routes.js';
import { createAnalysisService } from './analysis.service.js';

export type AnalysisModule = ReturnType<typeof createAnalysisModule>;

/** Item analysis, wired: computed on demand from stored Part One answers. */
export function createAnalysisModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  bank: Pick<BankService, 'formItems' | 'getForm' | 'listForms'>;
}) {
  const analysis = createAnalysisService({
    ...deps,
    sittings: createSittingResultsAccess({ db: deps.db }),
    delivery: createDeliveryAnalysis({ db: deps.db }),
  });
  return {
    analysis,
    routes: async (app: FastifyInstance) => {
      await app.register(analysisRoutes({ analysis }));
    },
  };
}
