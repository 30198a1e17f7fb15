import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { BankService } from '../bank/index.js';
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

export interface SittingsDeps {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'findByIds' | 'findByEmails' | 'createWithin' | 'list'>;
  forms: Pick<BankService, 'listForms'>;
  vignettes: Pick<VignettesService, 'resolveSet' | 'listSets'>;
  attempts: AttemptStatusSource;
}
