import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { UsersService } from '../auth/index.js';
import type { MailOutbox } from '../mail/index.js';
import type { BookableSitting } from '../sittings/index.js';

/**
 * Dates other work supplies (issue 22 item 3 "ontime" and item 6 retakes): until they are wired,
 * check-in reads as the sitting's start and the earliest retake as not applicable.
 */
export interface BookingDateSources {
  checkInOpensAt?(sitting: BookableSitting): Date | null | Promise<Date | null>;
  earliestRetakeDate?(candidateId: string, associationId: string): Promise<Date | null>;
}

export interface BookingsDeps {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'append'>;
  users: Pick<UsersService, 'findByEmails' | 'findByIds' | 'mailContactsOf' | 'inviteWithin'>;
  /** Absent: no mail (tools, tests that do not care). */
  outbox?: Pick<MailOutbox, 'enqueue'>;
  publicOrigin?: string;
  dates?: BookingDateSources;
}
