import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../events/event-bus.js';
import type { Leadership } from '../../events/leader.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { AppModule } from '../module.js';
import type { SittingResultsAccess, SittingsService } from '../sittings/index.js';
import type { VignettesService } from '../vignettes/index.js';
import type { createAccommodationLedger } from './accommodation-ledger.js';
import { createAnswerWriter } from './answer-writer.js';
import type { FormItemSource } from './attempt-context.js';
import { deliveryRoutes } from './delivery.routes.js';
import { createDeliveryService } from './delivery.service.js';
import { createResponseHistory } from './response-history.js';
import { createResponseOverview } from './response-overview.js';
import { createSweeper } from './sweeper.js';

export type DeliveryModule = ReturnType<typeof createDeliveryModule>;

/**
 * Delivery: the attempts, their clocks and the sweeper that closes them, and the coordinator's
 * view of responses. The candidate's socket is a module of its own (exam-socket.module.ts),
 * built after proctoring, whose resume codes it consults.
 */
export function createDeliveryModule(deps: {
  database: Database;
  clock: Clock;
  audit: Pick<AuditService, 'append' | 'appendMany'>;
  sittings: Pick<
    SittingsService,
    'openSeatFor' | 'seatByEnrolment' | 'admittedNow' | 'roomPausesAmong'
  >;
  /** Sittings' read side (app.ts builds it once); late changes read it. */
  sittingResults: Pick<SittingResultsAccess, 'sittingOfEnrolment' | 'lockedStatus'>;
  users: Pick<UsersService, 'findByIds'>;
  forms: FormItemSource;
  vignettes: Pick<VignettesService, 'resolveSet' | 'getSet'>;
  /** Built before sittings, which records accommodations in it; delivery announces them. */
  accommodationLedger: Pick<ReturnType<typeof createAccommodationLedger>, 'onAnnounced'>;
  graceMs: number;
  outageThresholdMs: number;
  sweeperIntervalMs: number;
  /** Changes are announced to the other instances here; the sweeper beats as `instanceId`. */
  events: Pick<EventBus, 'publish' | 'instanceId'>;
  /** Only the leader credits outages and closes expired parts (fenced by its epoch). */
  leadership: Pick<Leadership, 'isLeader' | 'fence'>;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
}) {
  const { database, clock, audit, graceMs } = deps;
  const { db } = database;
  const writer = createAnswerWriter({ database, clock, graceMs });
  const delivery = createDeliveryService({
    ...deps,
    writer,
    log: (message, details) => deps.log.warn(details, message),
  });
  deps.accommodationLedger.onAnnounced((attemptId, reason) => {
    delivery
      .clocksChanged(attemptId, reason)
      .catch((error: unknown) => deps.log.error({ err: error }, 'clock refresh failed'));
  });
  const sweeper = createSweeper({
    db,
    clock,
    delivery,
    graceMs,
    outageThresholdMs: deps.outageThresholdMs,
    leadership: deps.leadership,
    instanceId: deps.events.instanceId,
    log: (message, details) => deps.log.warn(details ?? {}, message),
  });
  const history = createResponseHistory({
    db,
    clock,
    audit,
    onRestored: (attemptId) => delivery.announce(attemptId, 'a response was restored'),
  });
  const overview = createResponseOverview({ db, seats: deps.sittings, ...deps });

  return {
    delivery,
    sweeper,
    routes: deliveryRoutes({ history, overview }),
    async start(): Promise<void> {
      // Credit any outage and close what expired while we were down before taking new saves
      // (when this instance leads; a follower only records that it is up).
      await sweeper.tick();
      sweeper.start(deps.sweeperIntervalMs);
    },
    async drain(): Promise<void> {
      await writer.drain();
      await delivery.drainPatches();
    },
    async stop(): Promise<void> {
      await sweeper.stop();
      await writer.drain();
      await delivery.drainPatches();
    },
  } satisfies AppModule & Record<string, unknown>;
}
