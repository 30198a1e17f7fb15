import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/audit.js';

/** One Safe Exam Browser refusal of a candidate's request, as its audit entry keeps it. */
export interface SebRefusalRecord {
  candidateId: string;
  /** The refusal's own time (its alert's identity on the dashboard), epoch ms. */
  at: number;
  /** Which check failed, in the check's words ('config key hash does not match'). */
  reason: string;
}

/**
 * The Safe Exam Browser refusals of a sitting's candidates, oldest first. The proctor's
 * dashboard raises its integrity alerts from them again when it is opened or reloaded; only
 * ever pushing them live lost them with the page.
 */
export async function sebRefusalsOf(db: DbOrTx, sittingId: string): Promise<SebRefusalRecord[]> {
  const rows = await db
    .select({ actorId: auditLog.actorId, at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subjectType, 'sitting'),
        eq(auditLog.subjectId, sittingId),
        eq(auditLog.action, 'seb.refused'),
      ),
    )
    .orderBy(asc(auditLog.id));
  return rows.flatMap((row) => {
    if (!row.actorId) return [];
    const details = (row.details ?? {}) as { at?: unknown; reason?: unknown };
    return [
      {
        candidateId: row.actorId,
        at: typeof details.at === 'number' ? details.at : row.at.getTime(),
        reason: typeof details.reason === 'string' ? details.reason : '',
      },
    ];
  });
}
