import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { associationScope } from '../db/association-scope.js';
import type { EventBus } from '../events/event-bus.js';
import type { Leadership } from '../events/leader.js';
import { wireInstanceEvents, registryEvents } from '../instance-events.js';
import type { Clock } from '../lib/clock.js';
import { SocketRegistry } from '../ws/socket-registry.js';
import type { AuditService } from '../modules/audit/index.js';
import { appTotpKey, createAuthModule, createMailBranding } from '../modules/auth/index.js';
import { createBankModule } from '../modules/bank/index.js';
import { bookingSettingsFor, createBookingsModule } from '../modules/bookings/index.js';
import {
  createAccommodationLedger,
  createAttemptStatusReader,
  createDeliveryModule,
  createExamSocketModule,
  type AttemptChange,
  type FormItemSource,
} from '../modules/delivery/index.js';
import { createMailModule } from '../modules/mail/index.js';
import { createProctoringModule, type FeedEvent } from '../modules/proctoring/index.js';
import { createRetakesModule } from '../modules/retakes/index.js';
import { createSebModule } from '../modules/seb/index.js';
import { createSetupModule } from '../modules/setup/index.js';
import {
  createSittingResultsAccess,
  createSittingsModule,
  createVignetteSetUsage,
} from '../modules/sittings/index.js';
import { createVignettesModule } from '../modules/vignettes/index.js';

/** What every module is built from: the app's settings and infrastructure (see app.ts). */
export interface CompositionBase {
  config: AppConfig;
  database: Database;
  clock: Clock;
  /** The audit chain every module appends to: infrastructure, like the clock. */
  audit: AuditService;
  events: EventBus;
  leadership: Leadership;
  log: FastifyBaseLogger;
  logWarn: (message: string, details?: Record<string, unknown>) => void;
  /** Small tests replace the bank's forms with fixed items. */
  forms?: FormItemSource | undefined;
  totpKey?: Buffer | undefined;
}

/**
 * The modules up to and through the sitting, in dependency order: mail and accounts, the bank,
 * sittings and seats, delivery, proctoring and the exam socket. The modules after the sitting
 * (grading, results, measurement, appeals) are composed from these in programme-modules.ts.
 */
export function composeSittingModules(base: CompositionBase) {
  const { config, database, clock, audit, events, leadership, log, logWarn, forms, totpKey } = base;
  const { db } = database;
  // Adapters one module reads another through where a direct dependency would run in a circle
  // (sittings <-> delivery, sittings <-> vignettes) or reach into another module's tables
  // (retakes, delivery and the modules after the sitting read sittings). Each is built once.
  const vignetteUsage = createVignetteSetUsage({ db });
  const attemptStatus = createAttemptStatusReader({ db });
  const accommodationLedger = createAccommodationLedger({ clock, audit });
  const sittingResults = createSittingResultsAccess({ db });

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
    // Dashboards on every instance check their access again (instance-events.ts).
    rolesChanged: () => events.publish({ kind: 'access' }),
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
    proctorsChanged: () => events.publish({ kind: 'access' }),
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
  // Retakes by part enrol through sittings and read released results per part.
  const retakes = createRetakesModule({
    db,
    clock,
    audit,
    sittings: sittings.sittings,
    enrolments: sittingResults,
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
    // association's rule), and the earliest retake from the retake rules.
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
    userForToken: (token) => auth.auth.userForToken(token),
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

  return {
    sittingResults,
    mail,
    outbox,
    auth,
    users,
    sockets,
    setup,
    bank,
    vignettes,
    sittings,
    retakes,
    bookings,
    seb,
    delivery,
    proctoring,
    unwireEvents,
    examSocket,
  };
}

export type SittingModules = ReturnType<typeof composeSittingModules>;
