import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { ProgrammeSettings, UsersService } from '../auth/index.js';
import type { AttemptChange, DeliveryResults, DeliveryService } from '../delivery/index.js';
import type { SittingResultsAccess } from '../sittings/index.js';
import type { AppModule } from '../module.js';
import { createGradingAppeals } from './appeal-reviews.js';
import { annotationsRoutes } from './annotations.routes.js';
import { createAnnotationsService } from './annotations.service.js';
import { gradingAdminRoutes } from './grading-admin.routes.js';
import { gradingRoutes } from './grading.routes.js';
import { createGradersService } from './graders.service.js';
import { createReopenService } from './reopen.service.js';
import { createRouting } from './routing.js';
import { createRubricsService } from './rubrics.service.js';
import { createScoringService } from './scoring.service.js';

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
  users: Pick<UsersService, 'list'>;
  programme: ProgrammeSettings;
  delivery: Pick<
    DeliveryResults,
    'gradableAttempt' | 'closedPartTwoAttempts' | 'responseForGrading' | 'vignetteTitles'
  >;
  sittings: Pick<SittingResultsAccess, 'gradableEnrolments' | 'sittingOfEnrolment' | 'getSitting'>;
  changes: DeliveryService['changes'];
  sweepIntervalMs: number;
  /** With several instances, only the leader runs the periodic sweep; absent, this one does. */
  leads?: () => boolean;
  log: Pick<FastifyBaseLogger, 'warn'>;
}) {
  const log = (message: string, details?: Record<string, unknown>) =>
    deps.log.warn(details ?? {}, message);
  const routing = createRouting({ ...deps, log });
  const rubrics = createRubricsService(deps);
  const graders = createGradersService({ ...deps, routing });
  const scoring = createScoringService({ ...deps, routing });
  const reopen = createReopenService(deps);
  const annotations = createAnnotationsService(deps);
  const appeals = createGradingAppeals({ ...deps, routing });
  let timer: NodeJS.Timeout | undefined;

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
    annotations,
    /** Grading's side of appeals (review readings), for the appeals module. */
    appeals,

    routes: async (app) => {
      await app.register(gradingRoutes({ scoring, graders }));
      await app.register(
        gradingAdminRoutes({ rubrics, graders, reopen, programme: deps.programme }),
      );
      await app.register(annotationsRoutes({ annotations }));
    },

    async start(): Promise<void> {
      deps.changes.on('change', onChange);
      await sweepLogged();
      if (deps.sweepIntervalMs > 0 && !timer) {
        timer = setInterval(() => {
          if (deps.leads?.() ?? true) void sweepLogged();
        }, deps.sweepIntervalMs);
        timer.unref();
      }
    },

    async stop(): Promise<void> {
      deps.changes.off('change', onChange);
      if (timer) clearInterval(timer);
      timer = undefined;
      await routing.idle();
    },
  } satisfies AppModule & Record<string, unknown>;
}
