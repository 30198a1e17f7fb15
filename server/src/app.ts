import type { EventEmitter } from 'node:events';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';
import type { Database } from './db/client.js';
import { associationScope } from './db/association-scope.js';
import { createInProcessBus, type EventBus } from './events/event-bus.js';
import { createPgLeadership, createSoleLeadership, type Leadership } from './events/leader.js';
import { createPgEventBus } from './events/pg-event-bus.js';
import { registryEvents, wireInstanceEvents } from './instance-events.js';
import type { Clock } from './lib/clock.js';
import type { SigningKey } from './lib/ed25519.js';
import clientStatic from './plugins/client-static.js';
import errorHandler from './plugins/error-handler.js';
import { gracefulClose } from './plugins/graceful-close.js';
import { registerHttpDefaults } from './plugins/http-defaults.js';
import noStore from './plugins/no-store.js';
import { SocketRegistry } from './ws/socket-registry.js';
import { appSigningKey, createAuditModule, createAuditService } from './modules/audit/index.js';
import { createAnalysisModule } from './modules/analysis/index.js';
import {
  appTotpKey,
  createAuthModule,
  createMailBranding,
  createProgrammeSettings,
} from './modules/auth/index.js';
import { createBankModule } from './modules/bank/index.js';
import {
  createAccommodationLedger,
  createAttemptStatusReader,
  createDeliveryAnalysis,
  createDeliveryModule,
  createDeliveryResults,
  createExamSocketModule,
  type AttemptChange,
  type DeliveryService,
  type FormItemSource,
  type Sweeper,
} from './modules/delivery/index.js';
import {
  createGradingModule,
  createGradingProgrammeAccess,
  createGradingResults,
} from './modules/grading/index.js';
import { createHealthModule } from './modules/health/index.js';
import { createMailModule, type MailOutbox, type MailWorker } from './modules/mail/index.js';
import { createMetricsModule } from './modules/metrics/index.js';
import { observeNotifyLag, setSweeperLeader } from './lib/metrics.js';
import type { AppModule } from './modules/module.js';
import { createProctoringModule, type FeedEvent } from './modules/proctoring/index.js';
import { createPrivacyModule } from './modules/privacy/index.js';
import { createProgrammeModule } from './modules/programme/index.js';
import { createAppealNotifier, createAppealsModule } from './modules/appeals/index.js';
import { bookingSettingsFor, createBookingsModule } from './modules/bookings/index.js';
import { createRetakesModule } from './modules/retakes/index.js';
import { createResultsModule, createResultsProgrammeAccess } from './modules/results/index.js';
import { createScoringCorrectionsModule } from './modules/scoring-corrections/index.js';
import { createSebModule, type SebRefusal } from './modules/seb/index.js';
import { createSetupModule } from './modules/setup/index.js';
import {
  createSittingResultsAccess,
  createSittingsModule,
  createSittingsProgrammeAccess,
  createVignetteSetUsage,
} from './modules/sittings/index.js';
import { createStandardSettingModule } from './modules/standard-setting/index.js';
import { createVignettesModule } from './modules/vignettes/index.js';

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

  // Adapters one module reads another through where a direct dependency would run in a circle
  // (sittings <-> delivery, sittings <-> vignettes) or reach into another module's tables
  // (grading, results, analysis, standard setting and key corrections read delivery, sittings
  // and grading). Each is built once, here.
  const vignetteUsage = createVignetteSetUsage({ db });
  const attemptStatus = createAttemptStatusReader({ db });
  const accommodationLedger = createAccommodationLedger({ clock, audit });
  const sittingResults = createSittingResultsAccess({ db });
  const gradingResults = createGradingResults({ db });
  const deliveryAnalysis = createDeliveryAnalysis({ db });

  // Mail is low in the order like audit: every module that mails is handed `outbox`. Only the
  // leader sends (one sender; the claim is SKIP LOCKED all the same).
  const mail = createMailModule({
    db,
    clock,
    audit,
    branding: createMailBranding({ db }),
    smtpUrl: config.SMTP_URL,
    mailFrom: config.MAIL_FROM,
    pollMs: config.MAIL_POLL_MS,
    maxAttempts: config.MAIL_MAX_ATTEMPTS,
    leads: () => leadership.isLeader(),
    log: (level, message, details) => log[level](details ?? {}, message),
  });
  const { outbox } = mail;

  const auth = createAuthModule({
    db,
    clock,
    audit,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    publicOrigin: config.publicOrigin,
    secureCookies: config.NODE_ENV === 'production',
    embedded: database.kind === 'pglite',
    events,
    twoFactorEnforced: config.TWO_FACTOR_ENFORCED,
    outbox,
    invitationTtlHours: config.INVITATION_TTL_HOURS,
    totpKey: appTotpKey(config, totpKey),
  });
  const { users } = auth;
  // Every open websocket, by session, attempt and sitting; one heartbeat beats them all.
  const sockets = new SocketRegistry<AttemptChange, FeedEvent>({
    liveTokens: (tokens) => auth.auth.liveTokens(tokens),
    events: registryEvents(events),
  });
  const setup = createSetupModule({ db, clock, audit, users });
  const bank = createBankModule({ db, clock, audit });
  const vignettes = createVignettesModule({ db, audit, usage: vignetteUsage });
  const sittings = createSittingsModule({
    db,
    clock,
    audit,
    users,
    forms: bank.bank,
    vignettes: vignettes.vignettes,
    attempts: attemptStatus,
    accommodationLedger,
    outbox,
    publicOrigin: config.publicOrigin,
    leadership,
    reminderIntervalMs: config.SITTING_REMINDER_INTERVAL_MS,
    clockIntervalMs: config.SITTING_CLOCK_INTERVAL_MS,
    maxDocumentBytes: config.ACCOMMODATION_DOCUMENT_MAX_BYTES,
    accommodationRequestDays: async (tx, associationId) =>
      (await bookingSettingsFor(tx, associationId)).accommodationRequestDays,
    // Bookings is built below; a roster removal runs per request, long after.
    bookingOfEnrolment: {
      withdrawWithin: (tx, associationId, removal) =>
        bookings.seats.withdrawWithin(tx, associationId, removal),
    },
    log: logWarn,
  });
  // Eligibility and seats: a booked seat is an enrolment in sittings, written in one transaction.
  const bookings = createBookingsModule({
    db,
    clock,
    audit,
    users,
    outbox,
    publicOrigin: config.publicOrigin,
    leadership,
    reminderIntervalMs: config.SITTING_REMINDER_INTERVAL_MS,
    log: logWarn,
    // The candidate's dates page: check-in as the sitting's clock opens it (its policy, else the
    // association's rule), and the earliest retake from the retake rules (retakes is built
    // below; these run per request, long after).
    dates: {
      checkInOpensAt: async (sitting) => {
        const view = await sittings.clock.clockOf(
          associationScope(sitting.associationId),
          sitting.id,
        );
        return view.checkInOpensAt ? new Date(view.checkInOpensAt) : null;
      },
      earliestRetakeDate: async (candidateId) => {
        const dates = await Promise.all(
          ([1, 2] as const).map((part) => retakes.retakes.earliestRetakeDate(candidateId, part)),
        );
        const known = dates.filter((d): d is Date => d !== null);
        return known.length ? new Date(Math.min(...known.map((d) => d.getTime()))) : null;
      },
    },
  });
  const seb = createSebModule({
    db,
    clock,
    audit,
    sittings: sittings.sittings,
    publicOrigin: config.publicOrigin,
    log,
  });
  const delivery = createDeliveryModule({
    database,
    clock,
    audit,
    sittings: sittings.sittings,
    sittingResults,
    users,
    forms: forms ?? bank.bank,
    vignettes: vignettes.vignettes,
    accommodationLedger,
    graceMs: config.SAVE_GRACE_MS,
    outageThresholdMs: config.OUTAGE_THRESHOLD_MS,
    sweeperIntervalMs: config.SWEEPER_INTERVAL_MS,
    events,
    leadership,
    log,
  });
  const proctoring = createProctoringModule({
    db,
    clock,
    audit,
    delivery: delivery.delivery,
    users,
    sockets,
    sebRefusals: seb.refusals,
    events,
    publicOrigin: config.publicOrigin,
    log,
    maxPhotoBytes: config.CHECK_IN_PHOTO_MAX_BYTES,
  });
  const unwireEvents = wireInstanceEvents({
    bus: events,
    sockets,
    delivery: delivery.delivery,
    feed: proctoring.feed,
    log: logWarn,
  });
  const examSocket = createExamSocketModule({
    db,
    delivery: delivery.delivery,
    sockets,
    audit,
    clock,
    publicOrigin: config.publicOrigin,
    messagesPerSecond: config.WS_MESSAGES_PER_SECOND,
    resumeGate: proctoring.resumeGate,
  });
  const deliveryResults = createDeliveryResults({ db, vignettes: vignettes.vignettes });
  const grading = createGradingModule({
    db,
    clock,
    audit,
    users,
    programme: createProgrammeSettings({ db, audit }),
    delivery: deliveryResults,
    sittings: sittingResults,
    changes: delivery.delivery.changes,
    sweepIntervalMs: config.GRADING_SWEEP_INTERVAL_MS,
    leadership,
    log,
  });
  // Retakes by part enrol through sittings and read released results per part.
  const retakes = createRetakesModule({
    db,
    clock,
    audit,
    sittings: sittings.sittings,
    enrolments: sittingResults,
  });
  const results = createResultsModule({
    db,
    clock,
    publicOrigin: config.publicOrigin,
    audit,
    users,
    delivery: deliveryResults,
    sittings: sittingResults,
    grading: gradingResults,
    outbox,
  });
  const analysis = createAnalysisModule({
    db,
    clock,
    audit,
    bank: bank.bank,
    sittings: sittingResults,
    delivery: deliveryAnalysis,
    changes: delivery.delivery.changes,
    log,
  });
  const standardSetting = createStandardSettingModule({
    db,
    clock,
    audit,
    users,
    forms: bank.bank,
    sittings: sittingResults,
    delivery: deliveryAnalysis,
  });
  const scoringCorrections = createScoringCorrectionsModule({
    db,
    clock,
    audit,
    forms: bank.bank,
    sittings: sittingResults,
  });
  const appeals = createAppealsModule({
    db,
    clock,
    audit,
    users,
    forms: bank.bank,
    sittings: sittingResults,
    grading: grading.appeals,
    annotations: grading.annotations,
    results: results.appeals,
    notify: createAppealNotifier({
      db,
      users,
      outbox,
      publicOrigin: config.publicOrigin,
    }).notify,
  });
  // The programme's views read sittings, results and grading through their own adapters.
  const programme = createProgrammeModule({
    db,
    clock,
    audit,
    associations: auth.associations,
    sittings: createSittingsProgrammeAccess({ db }),
    results: createResultsProgrammeAccess({ db }),
    grading: createGradingProgrammeAccess({ db }),
    appeals: appeals.views,
  });
  // A person's own data and the retention purge; it reads the others' privacy read sides.
  const privacy = createPrivacyModule({
    db,
    clock,
    audit,
    leadership,
    purgeIntervalMs: config.RETENTION_PURGE_INTERVAL_MS,
    log: logWarn,
  });
  const auditModule = createAuditModule({
    db,
    clock,
    audit,
    users,
    key: appSigningKey(config, auditKey),
    checkpointEveryEntries: config.AUDIT_CHECKPOINT_ENTRIES,
    checkpointEveryMinutes: config.AUDIT_CHECKPOINT_MINUTES,
    leadership,
    log,
  });

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
