import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import type { DeliveryAnalysis } from '../delivery/index.js';
import type { AppModule } from '../module.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { analysisRoutes } from './analysis.routes.js';
import { createAnalysisService } from './analysis.service.js';

export type AnalysisModule = ReturnType<typeof createAnalysisModule>;

/** Item analysis, wired: computed on demand from stored Part One answers. */
export function createAnalysisModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  bank: Pick<BankService, 'formItems' | 'getForm' | 'listForms'>;
  /** Adapters built once in app.ts: the sittings to analyse and their stored Part One answers. */
  sittings: Pick<SittingResultsAccess, 'listSittings'>;
  delivery: Pick<DeliveryAnalysis, 'scopes' | 'partOneChoices' | 'corrections'>;
}) {
  const analysis = createAnalysisService(deps);
  return {
    analysis,
    routes: async (app: FastifyInstance) => {
      await app.register(analysisRoutes({ analysis }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
