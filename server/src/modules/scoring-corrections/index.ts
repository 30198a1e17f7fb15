import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import { createSittingResultsAccess } from '../sittings/index.js';
import { scoringCorrectionsRoutes } from './scoring-corrections.routes.js';
import { createScoringCorrections } from './scoring-corrections.service.js';

export type { ScoringCorrectionsService } from './scoring-corrections.service.js';

/** Key corrections after a sitting (re-key, void), wired. */
export function createScoringCorrectionsModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  forms: Pick<BankService, 'formItems'>;
}) {
  const corrections = createScoringCorrections({
    ...deps,
    sittings: createSittingResultsAccess({ db: deps.db }),
  });
  return {
    corrections,
    routes: async (app: FastifyInstance) => {
      await app.register(scoringCorrectionsRoutes({ corrections }));
    },
  };
}
