import type { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { CurrentUser } from '@exam/shared/api';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { SocketRegistry } from '../../ws/socket-registry.js';
import type { FeedEvent } from './dashboard-feed.js';
import type { DeliveryService } from '../delivery/index.js';
import type { AppModule } from '../module.js';
import type { SebRefusal } from '../seb/index.js';
import { createAdmissionService } from '../sittings/index.js';
import { createCandidateLobby } from './candidate-lobby.js';
import { checkInRoutes } from './check-in.routes.js';
import { createCheckInService } from './check-in.service.js';
import { createDashboardFeed } from './dashboard-feed.js';
import { createDisconnectCredits } from './disconnect-credits.js';
import { createIncidentLedger } from './incident-ledger.js';
import { createLateChangeDecisions } from './late-change-decisions.js';
import { lateChangeRoutes } from './late-changes.routes.js';
import { proctorSocketRoutes } from './proctor.ws.js';
import { proctoringRoutes } from './proctoring.routes.js';
import { createProctoringService } from './proctoring.service.js';
import { createResumeCodes } from './resume-codes.js';

export type ProctoringModule = ReturnType<typeof createProctoringModule>;

/**
 * Proctoring: the proctor's dashboard (HTTP and its live socket), resume codes, the candidate's
 * lobby and late-change decisions. Safe Exam Browser refusals reach the live dashboard through
 * `sebRefusals`.
 */
export function createProctoringModule(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: DeliveryService;
  users: Pick<UsersService, 'findByIds'>;
  sockets: SocketRegistry<never, FeedEvent>;
  /** The signed-in user behind a session token as they are now: dashboards re-check access. */
  userForToken(token: string | undefined): Promise<CurrentUser | null>;
  sebRefusals: EventEmitter<{ refused: [SebRefusal] }>;
  events: Pick<EventBus, 'publish'>;
  publicOrigin: string;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** Size cap of a check-in webcam photo (config). */
  maxPhotoBytes?: number;
}) {
  const { db, clock, audit, delivery } = deps;
  const admission = createAdmissionService({ db });
  const feed = createDashboardFeed({
    db,
    clock,
    delivery,
    admission,
    events: deps.events,
    log: (message, details) => deps.log.warn(details ?? {}, message),
  });
  deps.sebRefusals.on('refused', feed.integrityRefused);
  const credits = createDisconnectCredits({ db, clock, audit, delivery });
  const resumeCodes = createResumeCodes({ db, clock, audit, delivery });
  const incidents = createIncidentLedger({ db, clock, audit, ledger: delivery.ledger, feed });
  const proctoring = createProctoringService({
    db,
    clock,
    audit,
    delivery,
    admission,
    feed,
    credits,
    incidents,
  });
  const lobby = createCandidateLobby({ admission, delivery });
  const maxPhotoBytes = deps.maxPhotoBytes ?? 2 * 1024 * 1024;
  const checkIn = createCheckInService({
    db,
    clock,
    audit,
    admission,
    proctoring,
    feed,
    maxPhotoBytes,
  });
  const lateChanges = createLateChangeDecisions({
    db,
    delivery,
    admission,
    // Only the few users a decision names are read, never the whole user list.
    users: async (ids) => {
      const named = ids.length > 0 ? await deps.users.findByIds(db, ids) : [];
      return new Map(named.map((u) => [u.id, u.displayName]));
    },
  });
  return {
    /** The exam socket's gate: a refusal while a session needs a resume code. */
    resumeGate: resumeCodes.gate,
    /** The live dashboards' feed: instance-events.ts hands it every instance's events. */
    feed,
    routes: async (app) => {
      await app.register(proctoringRoutes({ proctoring, resumeCodes, lobby }));
      await app.register(lateChangeRoutes({ lateChanges }));
      await app.register(checkInRoutes({ checkIn, maxPhotoBytes }));
      await app.register(
        proctorSocketRoutes({
          proctoring,
          userForToken: deps.userForToken,
          feed,
          sockets: deps.sockets,
          clock,
          publicOrigin: deps.publicOrigin,
        }),
      );
    },
  } satisfies AppModule & Record<string, unknown>;
}
