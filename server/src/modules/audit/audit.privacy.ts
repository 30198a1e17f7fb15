import type { MyAuditEntry } from '@exam/shared/api';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/audit.js';
import { iso } from '../../lib/iso.js';

/**
 * The read side audit gives the privacy module: the entries about one person (their user, their
 * enrolments and attempts) or by them. Only what happened and when: staff stay unnamed, and the
 * details (which may name a grader, a proctor or a score before release) stay out.
 */
export async function entriesAbout(
  db: DbOrTx,
  subject: {
    userId: string;
    enrolmentIds: readonly string[];
    attemptIds: readonly string[];
    /** Their authorisations, bookings and retake requests (the candidate's path, issue 22). */
    authorisationIds?: readonly string[];
    bookingIds?: readonly string[];
    retakeRequestIds?: readonly string[];
  },
): Promise<MyAuditEntry[]> {
  const about = [and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, subject.userId))];
  const subjects: [string, readonly string[] | undefined][] = [
    ['enrolment', subject.enrolmentIds],
    ['attempt', subject.attemptIds],
    ['authorisation', subject.authorisationIds],
    ['booking', subject.bookingIds],
    ['retake-request', subject.retakeRequestIds],
  ];
  for (const [type, ids] of subjects)
    if (ids && ids.length > 0)
      about.push(and(eq(auditLog.subjectType, type), inArray(auditLog.subjectId, [...ids])));
  const rows = await db
    .select({
      at: auditLog.at,
      actorId: auditLog.actorId,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
    })
    .from(auditLog)
    .where(or(eq(auditLog.actorId, subject.userId), ...about))
    .orderBy(asc(auditLog.id));
  return rows.map((row) => ({
    at: iso(row.at),
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    actor: row.actorId === null ? 'system' : row.actorId === subject.userId ? 'you' : 'staff',
  }));
}

/** One extension of an authorisation, as its audit entry keeps it. */
export interface AuthorisationExtension {
  authorisationId: string;
  at: string;
  from: string;
  to: string;
  reason: string;
}

/**
 * The extensions of the candidate's authorisations: the bookings module keeps only the current
 * expiry, the audit entry keeps both dates and the reason. Who extended stays out.
 */
export async function authorisationExtensions(
  db: DbOrTx,
  authorisationIds: readonly string[],
): Promise<AuthorisationExtension[]> {
  if (authorisationIds.length === 0) return [];
  const rows = await db
    .select({ at: auditLog.at, subjectId: auditLog.subjectId, details: auditLog.details })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'bookings.authorisation_extended'),
        eq(auditLog.subjectType, 'authorisation'),
        inArray(auditLog.subjectId, [...authorisationIds]),
      ),
    )
    .orderBy(asc(auditLog.id));
  return rows.map((row) => {
    const details = row.details;
    const text = (key: string) => (typeof details[key] === 'string' ? details[key] : '');
    return {
      authorisationId: row.subjectId,
      at: iso(row.at),
      from: text('from'),
      to: text('to'),
      reason: text('reason'),
    };
  });
}
