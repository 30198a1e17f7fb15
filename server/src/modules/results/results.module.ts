import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import { createDeliveryResults } from '../delivery/index.js';
import { createSittingResultsAccess } from '../sittings/index.js';
import type { VignettesService } from '../vignettes/index.js';
import { feedbackRoutes } from './feedback.routes.js';
import { createFeedbackService } from './feedback.service.js';
import { createResultsData } from './results.data.js';
import { resultsRoutes } from './results.routes.js';
import { createResultsService } from './results.service.js';
import { studyPointersRoutes } from './study-pointers.routes.js';
import { createStudyPointersService } from './study-pointers.service.js';

export type ResultsModule = ReturnType<typeof createResultsModule>;

/**
 * Results, wired: review, release and exports for coordinators, the study pointers they edit,
 * and candidates' own results.
 */
export function createResultsModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'list'>;
  vignettes: Pick<VignettesService, 'getSet'>;
}) {
  const delivery = createDeliveryResults({ db: deps.db, vignettes: deps.vignettes });
  const sittings = createSittingResultsAccess({ db: deps.db });
  const load = createResultsData({ ...deps, delivery, sittings });
  const feedback = createFeedbackService({ ...deps, load, sittings });
  const pointers = createStudyPointersService(deps);
  const results = createResultsService({ ...deps, load, delivery, sittings, feedback, pointers });
  return {
    results,
    feedback,
    pointers,
    routes: async (app: FastifyInstance) => {
      await app.register(resultsRoutes({ results }));
      await app.register(feedbackRoutes({ feedback }));
      await app.register(studyPointersRoutes({ pointers }));
    },
  };
}
