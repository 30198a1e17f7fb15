import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../../db/client.js';
import type { Leadership } from '../../events/leader.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { ProgrammeSettings, UsersService } from '../auth/index.js';
import type { AttemptChange, DeliveryResults, DeliveryService } from '../delivery/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import type { AppModule } from '../module.js';
import { benchmarkRoutes } from './benchmarks.routes.js';
import { createBenchmarksService } from './benchmarks.service.js';
import { createGradingAppeals } from './appeal-reviews.js';
import { annotationsRoutes } from './annotations.routes.js';
import { createAnnotationsService } from './annotations.service.js';
import { commentBankRoutes } from './comment-bank.routes.js';
import { createSeededAnnotations } from './seeded-annotations.js';
import { createCommentBankService } from './comment-bank.service.js';
import { gradingAdminRoutes } from './grading-admin.routes.js';
import { gradingRoutes } from './grading.routes.js';
import { createGradersService } from './graders.service.js';
import { createOwnAssociationRule } from './own-association-rule.js';
import { createQualificationService } from './qualification.service.js';
import { qualificationRoutes } from './qualification.routes.js';
import { createReopenService } from './reopen.service.js';
import { raterMonitoringRoutes } from './rater-monitoring.routes.js';
import { createRaterMonitoringService } from './rater-monitoring.service.js';
import { createRouting } from './routing.js';
import { createRubricsService } from './rubrics.service.js';
import { createScoringService } from './scoring.service.js';
import { createSeededScoring } from './seeded-scoring.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Grading's services, for tests and operational scripts. */
    grading: GradingModule;
  }
}

export type GradingModule = ReturnType<typeof createGradingModule>;

/**
 * Grading, wired: routing listens for closed Part Two attempts and also sweeps on start and on
 * a timer, so an attempt closed while the server was down (or whose event was lost) is still
 * taken in. `delivery` and `sittings` are those modules' results adapters, built once in app.ts.
 */
export function createGradingModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'list' | 'onRolesChanged'>;
  programme: ProgrammeSettings;
  delivery: Pick<
    DeliveryResults,
    'gradableAttempt' | 'closedPartTwoAttempts' | 'responseForGrading' | 'vignetteTitles'
  >;
  sittings: Pick<
    SittingResultsAccess,
    'gradableEnrolments' | 'sittingOfEnrolment' | 'getSitting' | 'awaitingResults'
  >;
  changes: DeliveryService['changes'];
  sweepIntervalMs: number;
  /**
   * With several instances, only the leader runs the periodic sweep, and each of its writes is
   * fenced by the leader's epoch; absent, this instance sweeps unfenced.
   */
  leadership?: Pick<Leadership, 'isLeader' | 'fence'>;
  log: Pick<FastifyBaseLogger, 'warn'>;
}) {
  const log = (message: string, details?: Record<string, unknown>) =>
    deps.log.warn(details ?? {}, message);
  const { leadership } = deps;
  const routing = createRouting({
    ...deps,
    ...(leadership ? { fence: (tx: DbOrTx) => leadership.fence(tx) } : {}),
    log,
  });
  const leads = () => leadership?.isLeader() ?? true;
  const rubrics = createRubricsService(deps);
  const graders = createGradersService({ ...deps, routing });
  const scoring = createScoringService({ ...deps, routing });
  const reopen = createReopenService(deps);
  const ownAssociationRule = createOwnAssociationRule({ ...deps, routing });
  const benchmarks = createBenchmarksService(deps);
  const qualification = createQualificationService({ ...deps, routing });
  // The grader's routes reach scoring through the seeded queue (seeded-scoring.ts).
  const graderScoring = createSeededScoring({ ...deps, scoring, routing });
  const monitoring = createRaterMonitoringService({ ...deps, routing });
  const annotations = createAnnotationsService(deps);
  const commentBank = createCommentBankService(deps);
  const appeals = createGradingAppeals({ ...deps, routing });
  let timer: NodeJS.Timeout | undefined;
  let stopHearingRoles: (() => void) | undefined;

  const onChange = (attemptId: string, change: AttemptChange) => {
    if (change.kind === 'closed' && change.part === 2) routing.onPartTwoClosed(attemptId);
  };

  function sweepLogged(): Promise<void> {
    return routing.sweep().catch((error: unknown) =>
      log('grading sweep failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }

  return {
    routing,
    rubrics,
    graders,
    scoring,
    benchmarks,
    qualification,
    monitoring,
    annotations,
    commentBank,
    /** Grading's side of appeals (review readings), for the appeals module. */
    appeals,

    routes: async (app) => {
      await app.register(gradingRoutes({ scoring: graderScoring, graders }));
      await app.register(
        gradingAdminRoutes({
          rubrics,
          graders,
          reopen,
          programme: deps.programme,
          ownAssociationRule,
        }),
      );
      await app.register(benchmarkRoutes({ benchmarks }));
      await app.register(qualificationRoutes({ qualification }));
      await app.register(raterMonitoringRoutes({ monitoring }));
      await app.register(
        annotationsRoutes({ annotations: createSeededAnnotations({ db: deps.db, annotations }) }),
      );
      await app.register(commentBankRoutes({ bank: commentBank }));
    },

    async start(): Promise<void> {
      deps.changes.on('change', onChange);
      // A grader role granted or taken away changes the pool at once, on whichever instance.
      stopHearingRoles ??= deps.users.onRolesChanged(() => routing.poolChanged());
      if (leads()) await sweepLogged();
      if (deps.sweepIntervalMs > 0 && !timer) {
        timer = setInterval(() => {
          if (leads()) void sweepLogged();
        }, deps.sweepIntervalMs);
        timer.unref();
      }
    },

    async stop(): Promise<void> {
      deps.changes.off('change', onChange);
      stopHearingRoles?.();
      stopHearingRoles = undefined;
      if (timer) clearInterval(timer);
      timer = undefined;
      await routing.idle();
    },
  } satisfies AppModule & Record<string, unknown>;
}
