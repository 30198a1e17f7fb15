import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyWebsocket from '@fastify/websocket';
import { DRAFT_MAX_FRAME_BYTES } from '@exam/shared/protocol';
import type { AppConfig } from './config.js';
import { migrationsFolder, type Database } from './db/client.js';
import type { Clock } from './lib/clock.js';
import type { SigningKey } from './lib/ed25519.js';
import clientStatic from './plugins/client-static.js';
import errorHandler from './plugins/error-handler.js';
import noStore from './plugins/no-store.js';
import { socketErrorHandler } from './ws/socket-errors.js';
import { SocketRegistry } from './ws/socket-registry.js';
import { appSigningKey, createAuditModule, createAuditService } from './modules/audit/index.js';
import {
  authPlugin,
  authRoutes,
  createAuthService,
  createUsersService,
  usersRoutes,
} from './modules/auth/index.js';
import { healthRoutes } from './modules/health/index.js';
import { createGradingModule } from './modules/grading/index.js';
import { createResultsModule } from './modules/results/index.js';
import { createAnalysisModule } from './modules/analysis/index.js';
import {
  bankExchangeRoutes,
  bankReviewRoutes,
  bankRoutes,
  createBankExchange,
  createBankService,
} from './modules/bank/index.js';
import { createStandardSettingModule } from './modules/standard-setting/index.js';
import { createScoringCorrectionsModule } from './modules/scoring-corrections/index.js';
import {
  candidatesRoutes,
  createSittingsService,
  sittingsRoutes,
} from './modules/sittings/index.js';
import {
  createVignetteAuthoring,
  createVignettesService,
  vignetteSetRoutes,
} from './modules/vignettes/index.js';
import { createAccommodationLedger, createAttemptStatusReader } from './modules/delivery/index.js';
import { sebPlugin, type SebRefusal } from './modules/seb/index.js';
import { createSetupService, setupRoutes } from './modules/setup/index.js';
import {
  createAnswerWriter,
  createDeliveryService,
  createResponseHistory,
  createResponseOverview,
  createSweeper,
  deliveryRoutes,
  deliverySocketRoutes,
  type AttemptChange,
  type DeliveryService,
  type FormItemSource,
  type Sweeper,
} from './modules/delivery/index.js';
import {
  createProctoring,
  proctoringRoutes,
  lateChangeRoutes,
  proctorSocketRoutes,
  type FeedEvent,
} from './modules/proctoring/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Services tests and operational scripts reach directly. */
    exam: {
      delivery: DeliveryService;
      sweeper: Sweeper;
      /** Safe Exam Browser refusals, for the proctor's live view. */
      sebRefusals: EventEmitter<{ refused: [SebRefusal] }>;
    };
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
}

const logRedactions = ['req.headers.cookie', 'res.headers["set-cookie"]'];

function countMigrations(): number {
  const journal = JSON.parse(
    readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

/** Builds the whole application; plugins and modules are registered explicitly, in dependency order. */
export async function buildApp({
  config,
  database,
  clock,
  forms,
  logStream,
  auditKey,
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
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Only meaningful behind TLS; on plain-HTTP local runs it would break every request.
        upgradeInsecureRequests: config.NODE_ENV === 'production' ? [] : null,
      },
    },
    // HSTS only makes sense behind TLS, which production deployments terminate in front of us.
    hsts: config.NODE_ENV === 'production',
  });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, {
    // Compression off (CPU and memory per socket, and compression side channels); the frame cap
    // here is the largest any message may be; each part enforces its own smaller cap.
    options: { maxPayload: DRAFT_MAX_FRAME_BYTES, perMessageDeflate: false },
    errorHandler: socketErrorHandler,
  });

  const { db } = database;
  const audit = createAuditService({ clock });
  const auth = createAuthService({
    db,
    clock,
    audit,
    sessionTtlHours: config.SESSION_TTL_HOURS,
  });
  const users = createUsersService({ db, audit });
  const setup = createSetupService({ db, clock, audit, users });
  app.decorate('setup', setup);
  const bank = createBankService({ db, clock, audit });
  const vignettes = createVignettesService({ db });
  const accommodationLedger = createAccommodationLedger({ clock, audit });
  const sittings = createSittingsService({
    db,
    clock,
    audit,
    users,
    forms: bank,
    vignettes,
    attempts: createAttemptStatusReader({ db }),
    accommodationLedger,
  });
  const vignetteAuthoring = createVignetteAuthoring({ db, audit, usage: sittings });
  const writer = createAnswerWriter({ database, clock, graceMs: config.SAVE_GRACE_MS });
  const delivery = createDeliveryService({
    database,
    clock,
    audit,
    sittings,
    forms: forms ?? bank,
    vignettes,
    writer,
    graceMs: config.SAVE_GRACE_MS,
    log: (message, details) => app.log.warn(details, message),
  });
  accommodationLedger.onAnnounced((attemptId, reason) => {
    delivery
      .clocksChanged(attemptId, reason)
      .catch((error: unknown) => app.log.error({ err: error }, 'clock refresh failed'));
  });
  const sweeper = createSweeper({
    db,
    clock,
    delivery,
    graceMs: config.SAVE_GRACE_MS,
    outageThresholdMs: config.OUTAGE_THRESHOLD_MS,
    log: (message, details) => app.log.warn(details ?? {}, message),
  });
  const history = createResponseHistory({
    db,
    clock,
    audit,
    onRestored: (attemptId) => delivery.announce(attemptId, 'a response was restored'),
  });
  const overview = createResponseOverview({ db, seats: sittings, users, vignettes });
  const proctoring = createProctoring({
    db,
    clock,
    audit,
    delivery,
    users,
    log: (message, details) => app.log.warn(details ?? {}, message),
  });
  app.decorate('exam', {
    delivery,
    sweeper,
    sebRefusals: new EventEmitter<{ refused: [SebRefusal] }>(),
  });
  app.exam.sebRefusals.on('refused', proctoring.feed.integrityRefused);

  const grading = createGradingModule({
    db,
    clock,
    audit,
    users,
    vignettes,
    changes: delivery.changes,
    sweepIntervalMs: config.GRADING_SWEEP_INTERVAL_MS,
    log: (message, details) => app.log.warn(details ?? {}, message),
  });
  const results = createResultsModule({ db, clock, audit, users, vignettes });
  const analysis = createAnalysisModule({ db, clock, audit, bank });
  const standardSetting = createStandardSettingModule({ db, clock, audit, users, forms: bank });
  const scoringCorrections = createScoringCorrectionsModule({ db, clock, audit, forms: bank });
  app.decorate('grading', grading);
  const auditModule = createAuditModule({
    db,
    clock,
    audit,
    users,
    key: appSigningKey(config, auditKey),
    checkpointEveryEntries: config.AUDIT_CHECKPOINT_ENTRIES,
    checkpointEveryMinutes: config.AUDIT_CHECKPOINT_MINUTES,
    log: app.log,
  });

  await app.register(authPlugin, { auth, publicOrigin: config.publicOrigin });
  await app.register(sebPlugin, {
    sittings,
    clock,
    publicOrigin: config.publicOrigin,
    onRefused: (refusal) => {
      const entry = {
        actorId: refusal.candidateId,
        action: 'seb.refused',
        subjectType: 'sitting',
        subjectId: refusal.sittingId,
        details: { url: refusal.url, reason: refusal.reason },
      };
      audit
        .appendNow(db, entry)
        .catch((error: unknown) => app.log.error({ err: error }, 'audit failed'));
      app.exam.sebRefusals.emit('refused', refusal);
    },
  });
  await app.register(healthRoutes({ db, expectedMigrations: countMigrations() }));
  await app.register(
    authRoutes({
      auth,
      secureCookies: config.NODE_ENV === 'production',
      embedded: database.kind === 'pglite',
    }),
  );
  await app.register(usersRoutes({ users }));
  await app.register(setupRoutes({ setup }));
  await app.register(bankRoutes({ bank }));
  await app.register(bankReviewRoutes({ bank }));
  await app.register(bankExchangeRoutes(createBankExchange({ db, clock, audit })));
  await app.register(sittingsRoutes({ sittings }));
  await app.register(candidatesRoutes({ sittings }));
  await app.register(vignetteSetRoutes({ authoring: vignetteAuthoring }));
  await app.register(deliveryRoutes({ history, overview }));
  // Every open websocket, by session, attempt and sitting; one heartbeat beats them all.
  const sockets = new SocketRegistry<AttemptChange, FeedEvent>({
    liveTokens: (tokens) => auth.liveTokens(tokens),
    revoked: auth.revoked,
  });
  sockets.start();
  app.addHook('onClose', async () => sockets.stop());
  await app.register(
    deliverySocketRoutes({
      db,
      delivery,
      sockets,
      audit,
      clock,
      publicOrigin: config.publicOrigin,
      messagesPerSecond: config.WS_MESSAGES_PER_SECOND,
      resumeGate: proctoring.resumeCodes.gate,
    }),
  );
  await app.register(proctoringRoutes(proctoring));
  await app.register(lateChangeRoutes(proctoring));
  await app.register(
    proctorSocketRoutes({ ...proctoring, sockets, clock, publicOrigin: config.publicOrigin }),
  );
  await app.register(grading.routes);
  await app.register(results.routes);
  await app.register(analysis.routes);
  await app.register(standardSetting.routes);
  await app.register(scoringCorrections.routes);
  await app.register(auditModule.routes);
  await app.register(clientStatic, {
    distDir: config.CLIENT_DIST,
    serveSourceMaps: config.NODE_ENV !== 'production',
  });

  app.addHook('onReady', async () => {
    // Credit any outage and close what expired while we were down before taking new saves.
    await sweeper.tick();
    sweeper.start(config.SWEEPER_INTERVAL_MS);
  });
  app.addHook('onClose', async () => {
    await sweeper.stop();
    await writer.drain();
    await delivery.drainPatches();
  });

  // Registered after the sweeper's: a Part Two it closes on start is taken in by this first sweep.
  app.addHook('onReady', grading.start);
  app.addHook('onClose', grading.stop);
  // Last, so the checkpoint at shutdown covers what the other hooks wrote.
  app.addHook('onReady', auditModule.start);
  app.addHook('onClose', auditModule.stop);

  return app;
}
