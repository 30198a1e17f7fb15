import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Database, Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import type { DeliveryAnalysis } from '../delivery/index.js';
import type { AppModule } from '../module.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { createAutoAnalysis, type AttemptChanges } from './analysis-auto.js';
import { analysisRoutes } from './analysis.routes.js';
import { createAnalysisService } from './analysis.service.js';

export type AnalysisModule = ReturnType<typeof createAnalysisModule>;

/** Item analysis, wired: computed on demand, and stored after each Part One closes. */
export function createAnalysisModule(deps: {
  db: Db;
  /** Which database `db` is: automatic runs are locked per scope differently on each. */
  database: Pick<Database, 'kind' | 'db'>;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  bank: Pick<BankService, 'formItems' | 'getForm' | 'listForms'>;
  /** Adapters built once in app.ts: the sittings to analyse and their stored Part One answers. */
  sittings: Pick<SittingResultsAccess, 'listSittings'>;
  delivery: Pick<DeliveryAnalysis, 'scopes' | 'partOneChoices' | 'corrections' | 'scopeOfAttempt'>;
  /** Delivery's part changes: each closed Part One queues an automatic analysis. */
  changes: AttemptChanges;
  log: Pick<FastifyBaseLogger, 'warn'>;
}) {
  const analysis = createAnalysisService(deps);
  const auto = createAutoAnalysis({
    ...deps,
    analysis,
    log: (message, details) => deps.log.warn(details, message),
  });
  return {
    analysis,
    auto,
    start: () => auto.start(),
    stop: async () => {
      auto.stop();
      await auto.idle();
    },
    routes: async (app: FastifyInstance) => {
      await app.register(analysisRoutes({ analysis }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
