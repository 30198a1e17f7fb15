import type { Accommodation } from '@exam/shared/domain';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { BankService } from '../bank/index.js';
import type { MailOutbox } from '../mail/index.js';
import type { VignettesService } from '../vignettes/index.js';

/** One part of a candidate's attempt, as the attempt-status export reports it. */
export interface AttemptPartStatus {
  part: 1 | 2;
  /** not-started | running | paused | submitted | expired | ended */
  status: string;
  startedAt: Date | null;
  closedAt: Date | null;
  closedReason: string | null;
}

export interface AttemptStatusRecord {
  answered: number;
  parts: AttemptPartStatus[];
}

/**
 * Attempts belong to delivery, which depends on sittings; app.ts hands this reader in so the
 * export can report them without sittings importing delivery.
 */
export interface AttemptStatusSource {
  statusByEnrolment(enrolmentIds: readonly string[]): Promise<Map<string, AttemptStatusRecord>>;
  /** Each enrolment's attempt id, for those that have one: the roster links to the responses. */
  attemptIdsByEnrolment(enrolmentIds: readonly string[]): Promise<Map<string, string>>;
}

/** A changed accommodation, as the time ledger of the candidate's open attempts receives it. */
export interface AccommodationChange {
  /** The candidate's enrolments in sittings open now: only their attempts can still run. */
  enrolmentIds: readonly string[];
  /** What the profile now grants per part (nothing when no longer in force). */
  accommodation: { 1: Accommodation; 2: Accommodation };
  actorId: string;
  reason: string;
}

/**
 * Delivery's time ledger, handed in by app.ts: `record` runs inside the transaction that changes
 * the profile, so the change and its ledger entries commit together; `announce` after commit
 * tells connected screens and dashboards.
 */
export interface AccommodationLedger {
  record(tx: DbOrTx, change: AccommodationChange): Promise<string[]>;
  announce(attemptIds: readonly string[], reason: string): void;
}

export interface SittingsDeps {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<
    UsersService,
    'findByIds' | 'findByEmails' | 'inviteWithin' | 'list' | 'addToAssociation' | 'mailContactsOf'
  >;
  forms: Pick<BankService, 'listForms' | 'formCut'>;
  vignettes: Pick<VignettesService, 'resolveSet' | 'listSets'>;
  attempts: AttemptStatusSource;
  accommodationLedger: AccommodationLedger;
  /** Candidates' sitting notices, queued in the transaction that schedules, moves or enrols. */
  outbox?: Pick<MailOutbox, 'enqueue'>;
  /** Absolute origin for links in mail. */
  publicOrigin?: string;
  /**
   * After a commit that changed who may proctor a sitting: the open dashboards, on every
   * instance, check their access again (sitting-modules.ts announces it on the event bus).
   */
  proctorsChanged?: () => void;
  /** Size cap of an accommodation request's supporting document (config). */
  maxDocumentBytes?: number;
  /**
   * Days before a sitting that accommodation requests close: the association's setting, kept
   * with its booking settings (bookings depends on sittings, so app.ts hands the reader in).
   * Absent: the common two-week rule.
   */
  accommodationRequestDays?: (db: DbOrTx, associationId: string) => Promise<number>;
  /**
   * The booking an enrolment came from, withdrawn when the enrolment is removed from the roster,
   * in the same transaction (seat freed, the first waiting promoted and mailed, audited), so a
   * roster removal never leaves a booking "booked" without its seat. Bookings depends on
   * sittings, so app.ts hands this in. Absent: the enrolment alone goes.
   */
  bookingOfEnrolment?: {
    withdrawWithin(
      tx: Tx,
      associationId: string,
      removal: { enrolmentId: string; actorId: string; reason: string },
    ): Promise<boolean>;
  };
}
