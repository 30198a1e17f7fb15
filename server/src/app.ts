import type { EventEmitter } from 'node:events';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';
import type { Database } from './db/client.js';
import { createInProcessBus, type EventBus } from './events/event-bus.js';
import { createPgLeadership, createSoleLeadership, type Leadership } from './events/leader.js';
import { createPgEventBus } from './events/pg-event-bus.js';
import type { Clock } from './lib/clock.js';
import type { SigningKey } from './lib/ed25519.js';
import clientStatic from './plugins/client-static.js';
import errorHandler from './plugins/error-handler.js';
import { gracefulClose } from './plugins/graceful-close.js';
import { registerHttpDefaults } from './plugins/http-defaults.js';
import noStore from './plugins/no-store.js';
import { composeProgrammeModules } from './compose/programme-modules.js';
import { composeSittingModules } from './compose/sitting-modules.js';
import { createAuditService } from './modules/audit/index.js';
import type { DeliveryService, FormItemSource, Sweeper } from './modules/delivery/index.js';
import { createHealthModule } from './modules/health/index.js';
import type { MailOutbox, MailWorker } from './modules/mail/index.js';
import { createMetricsModule } from './modules/metrics/index.js';
import type { AutoAnalysis } from './modules/analysis/index.js';
import { observeNotifyLag, setSweeperLeader } from './lib/metrics.js';
import type { AppModule } from './modules/module.js';
import type { SebRefusal } from './modules/seb/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Services tests and operational scripts reach directly. */
    exam: {
      delivery: DeliveryService;
      sweeper: Sweeper;
      /** Safe Exam Browser refusals, for the proctor's live view. */
      sebRefusals: EventEmitter<{ refused: [SebRefusal] }>;
      /** The cross-instance event bus (metrics: publishedCount, onDelivered for NOTIFY lag). */
      events: EventBus;
      /** Background-work leadership (metrics: isLeader(), epoch, onChange). */
      leadership: Leadership;
    };
    /** The mail queue: tests enqueue and tick the worker. */
    mail: { outbox: MailOutbox; worker: MailWorker };
    /** Item analysis's automatic runs: tests wait for them and restart their catch-up. */
    itemAnalysis: { auto: AutoAnalysis };
  }
}

export interface AppDeps {
  config: AppConfig;
  /** Opened and migrated by the caller; the app does not close it. */
  database: Database;
  clock: Clock;
  /** Small tests replace the bank's forms with fixed items. */
  forms?: FormItemSource;
  /** Where logs go instead of stdout (the security tests read every line). */
  logStream?: NodeJS.WritableStream;
  /** Signs audit checkpoints; server.ts resolves it (see audit.signing-key.ts). */
  auditKey?: SigningKey;
  /** Seals TOTP secrets at rest; server.ts resolves it (see auth/totp-secret-box.ts). */
  totpKey?: Buffer;
  /** Replaces the bus and leadership chosen from the database (tests). */
  events?: EventBus;
  leadership?: Leadership;
}

/**
 * On PostgreSQL, instances share events through LISTEN/NOTIFY and elect one leader with an
 * advisory lock; on the embedded database the one process is all of it.
 */
function instanceServices(
  config: AppConfig,
  database: Database,
  log: (message: string, details?: Record<string, unknown>) => void,
): { events: EventBus; leadership: Leadership } {
  if (database.kind === 'postgres' && database.pool && config.DATABASE_URL) {
    const events = createPgEventBus({
      pool: database.pool,
      connectionString: config.DATABASE_URL,
      log,
    });
    const leadership = createPgLeadership({
      connectionString: config.DATABASE_URL,
      db: database.db,
      holder: events.instanceId,
      log,
    });
    return { events, leadership };
  }
  const events = createInProcessBus({
    onError: (error) => log('event listener failed', { error }),
  });
  return {
    events,
    leadership: createSoleLeadership({ db: database.db, holder: events.instanceId }),
  };
}

const logRedactions = ['req.headers.cookie', 'res.headers["set-cookie"]'];

/**
 * Builds the whole application: the shared plugins, then the modules in dependency order (each
 * `createXModule(deps)`, see modules/module.ts), then every module's plugin, routes and hooks.
 */
export async function buildApp({
  config,
  database,
  clock,
  forms,
  logStream,
  auditKey,
  totpKey,
  ...overrides
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logStream
      ? { level: 'debug', stream: logStream, redact: logRedactions }
      : config.LOG_LEVEL === 'silent'
        ? false
        : { level: config.LOG_LEVEL, redact: logRedactions },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    // Headers trickled slowly or in the thousands are cut off rather than held open.
    requestTimeout: 30_000,
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 1_000, maxHeaderSize: 16 * 1024 },
    routerOptions: { maxParamLength: 200 },
  });

  await app.register(errorHandler);
  await app.register(noStore);
  await registerHttpDefaults(app, config);

  const { db } = database;
  const log = app.log;
  const logWarn = (message: string, details?: Record<string, unknown>) =>
    log.warn(details ?? {}, message);
  const chosen =
    overrides.events && overrides.leadership
      ? { events: overrides.events, leadership: overrides.leadership }
      : instanceServices(config, database, logWarn);
  const { events, leadership } = chosen;
  // The cluster's own figures on /metrics: how late other instances' events arrive, who leads.
  events.onDelivered((lagMs) => observeNotifyLag(lagMs / 1000));
  leadership.onChange((leader) => setSweeperLeader(leader));
  // The audit chain every module appends to: infrastructure, like the clock. Its module (the
  // checkpoints and the administrators' page) comes last, below.
  const audit = createAuditService({ clock });

  const base = { config, database, clock, audit, events, leadership, log, logWarn, forms, totpKey };
  const sitting = composeSittingModules(base);
  const after = composeProgrammeModules({ ...base, auditKey }, sitting);
  const { mail, outbox, auth, sockets, setup, bank, vignettes, sittings, retakes, bookings } =
    sitting;
  const { seb, delivery, proctoring, unwireEvents, examSocket } = sitting;
  const { grading, results, analysis, standardSetting, scoringCorrections } = after;
  const { appeals, programme, privacy, auditModule } = after;

  app.decorate('setup', setup.setup);
  app.decorate('exam', {
    delivery: delivery.delivery,
    sweeper: delivery.sweeper,
    sebRefusals: seb.refusals,
    events,
    leadership,
  });
  app.decorate('grading', grading);
  app.decorate('privacy', privacy);
  app.decorate('sittingReminders', sittings.reminders);
  app.decorate('bookings', bookings);
  app.decorate('sittingClock', sittings.clock);
  app.decorate('retakes', retakes.retakes);
  app.decorate('mail', { outbox, worker: mail.worker });
  app.decorate('itemAnalysis', { auto: analysis.auto });

  // Order matters for hooks: delivery's sweeper closes what expired before grading's first
  // sweep takes in the Part Twos it closed; audit is last, so its checkpoint at shutdown covers
  // what the other hooks wrote.
  const modules: AppModule[] = [
    // The bus listens and leadership is settled before the sweeper's first tick.
    {
      start: async () => {
        await events.start();
        await leadership.start();
      },
      stop: async () => {
        unwireEvents();
        await leadership.stop();
        await events.stop();
      },
    },
    mail,
    auth,
    seb,
    createHealthModule({ db }),
    createMetricsModule({
      settings: {
        production: config.NODE_ENV === 'production',
        token: config.METRICS_TOKEN,
        port: config.METRICS_PORT,
        host: config.HOST,
      },
      pool: database.pool,
      log,
    }),
    setup,
    bank,
    sittings,
    bookings,
    vignettes,
    delivery,
    { start: async () => sockets.start(), stop: async () => sockets.stop() },
    examSocket,
    proctoring,
    grading,
    results,
    retakes,
    analysis,
    standardSetting,
    scoringCorrections,
    appeals,
    programme,
    privacy,
    auditModule,
  ];
  // Plugins first (auth's, then Safe Exam Browser's, which depends on it), so their hooks cover
  // every module's routes.
  for (const module of modules) if (module.plugin) await app.register(module.plugin);
  for (const module of modules) if (module.routes) await app.register(module.routes);
  await app.register(clientStatic, {
    distDir: config.CLIENT_DIST,
    serveSourceMaps: config.NODE_ENV !== 'production',
  });
  for (const module of modules) {
    if (module.start) app.addHook('onReady', module.start);
    if (module.stop) app.addHook('onClose', module.stop);
  }
  app.addHook(
    'preClose',
    gracefulClose(
      app,
      modules.flatMap((module) => (module.drain ? [module.drain] : [])),
    ),
  );

  return app;
}
