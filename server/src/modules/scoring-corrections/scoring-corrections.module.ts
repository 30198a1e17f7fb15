import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { BankService } from '../bank/index.js';
import type { AppModule } from '../module.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { scoringCorrectionsRoutes } from './scoring-corrections.routes.js';
import { createScoringCorrections } from './scoring-corrections.service.js';

export type ScoringCorrectionsModule = ReturnType<typeof createScoringCorrectionsModule>;

/** Key corrections after a sitting (re-key, void), wired. */
export function createScoringCorrectionsModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  forms: Pick<BankService, 'formItems'>;
  /** Sittings' read side, built once in app.ts: the sitting, its enrolments, whether it is locked. */
  sittings: Pick<SittingResultsAccess, 'getSitting' | 'enrolmentsOf' | 'lockedStatus'>;
}) {
  const corrections = createScoringCorrections(deps);
  return {
    corrections,
    routes: async (app: FastifyInstance) => {
      await app.register(scoringCorrectionsRoutes({ corrections }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
