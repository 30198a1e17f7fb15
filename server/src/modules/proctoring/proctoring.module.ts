import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { DeliveryService } from '../delivery/index.js';
import { createAdmissionService } from '../sittings/index.js';
import { createCandidateLobby } from './candidate-lobby.js';
import { createDashboardFeed } from './dashboard-feed.js';
import { createDisconnectCredits } from './disconnect-credits.js';
import { createIncidentLedger } from './incident-ledger.js';
import { createLateChangeDecisions } from './late-change-decisions.js';
import { createProctoringService } from './proctoring.service.js';
import { createResumeCodes } from './resume-codes.js';

export type Proctoring = ReturnType<typeof createProctoring>;

/** Builds the proctoring services in dependency order; app.ts registers the routes. */
export function createProctoring(deps: {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  delivery: DeliveryService;
  users: Pick<UsersService, 'list'>;
  log: (message: string, details?: Record<string, unknown>) => void;
}) {
  const { db, clock, audit, delivery } = deps;
  const admission = createAdmissionService({ db });
  const feed = createDashboardFeed({ db, clock, delivery, admission, log: deps.log });
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
  const lateChanges = createLateChangeDecisions({
    db,
    delivery,
    admission,
    users: async (ids) => {
      const wanted = new Set(ids);
      const all = ids.length > 0 ? await deps.users.list() : [];
      return new Map(all.filter((u) => wanted.has(u.id)).map((u) => [u.id, u.displayName]));
    },
  });
  return { proctoring, feed, resumeCodes, lobby, lateChanges };
}
