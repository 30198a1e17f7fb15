import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { DeliveryResults } from '../delivery/index.js';
import type { GradingResults } from '../grading/index.js';
import type { MailOutbox } from '../mail/index.js';
import type { AppModule } from '../module.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import { feedbackRoutes } from './feedback.routes.js';
import { lettersRoutes } from './letters.routes.js';
import { createLettersService } from './letters.service.js';
import { createFeedbackService } from './feedback.service.js';
import { createResultsAppeals } from './results.appeals.js';
import { createResultsData } from './results.data.js';
import { resultsRoutes } from './results.routes.js';
import { createResultsService } from './results.service.js';
import { studyPointersRoutes } from './study-pointers.routes.js';
import { createStudyPointersService } from './study-pointers.service.js';

export type ResultsModule = ReturnType<typeof createResultsModule>;

/**
 * Results, wired: review, release and exports for coordinators, the study pointers they edit,
 * and candidates' own results. It reads delivery, sittings and grading through their results
 * adapters, built once in app.ts.
 */
export function createResultsModule(deps: {
  db: Db;
  clock: Clock;
  /** Where letters send readers to verify them. */
  publicOrigin: string;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'list'>;
  delivery: Pick<DeliveryResults, 'attemptsOf' | 'vignetteTitles'>;
  sittings: Pick<
    SittingResultsAccess,
    | 'getSitting'
    | 'enrolmentsOf'
    | 'partTwoPassingRules'
    | 'listSittings'
    | 'enrolmentsOfCandidate'
    | 'markReleased'
    | 'lockedStatus'
  >;
  grading: Pick<GradingResults, 'sittingGrading' | 'progressBySitting' | 'saveRules'>;
  /** Tells each candidate their results are out (no scores), in the release transaction. */
  outbox?: Pick<MailOutbox, 'enqueue'>;
}) {
  const load = createResultsData(deps);
  const feedback = createFeedbackService({ ...deps, load });
  const pointers = createStudyPointersService(deps);
  const results = createResultsService({ ...deps, load, feedback, pointers });
  const letters = createLettersService({ ...deps, pointers });
  const appeals = createResultsAppeals({ db: deps.db, load });
  return {
    results,
    feedback,
    pointers,
    letters,
    /** Released results as appeals read and revise them. */
    appeals,
    routes: async (app) => {
      await app.register(resultsRoutes({ results }));
      await app.register(feedbackRoutes({ feedback }));
      await app.register(studyPointersRoutes({ pointers }));
      await app.register(lettersRoutes({ letters }));
    },
  } satisfies AppModule & Record<string, unknown>;
}
