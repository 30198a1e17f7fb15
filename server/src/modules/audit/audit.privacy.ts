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
  subject: { userId: string; enrolmentIds: readonly string[]; attemptIds: readonly string[] },
): Promise<MyAuditEntry[]> {
  const about = [and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, subject.userId))];
  if (subject.enrolmentIds.length > 0)
    about.push(
      and(
        eq(auditLog.subjectType, 'enrolment'),
        inArray(auditLog.subjectId, [...subject.enrolmentIds]),
      ),
    );
  if (subject.attemptIds.length > 0)
    about.push(
      and(
        eq(auditLog.subjectType, 'attempt'),
        inArray(auditLog.subjectId, [...subject.attemptIds]),
      ),
    );
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
