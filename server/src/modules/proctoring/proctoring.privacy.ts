import type { MyIncident } from '@exam/shared/api';
import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { incidents } from '../../db/schema/proctoring.js';
import { iso } from '../../lib/iso.js';

/**
 * The read side proctoring gives the privacy module: incidents recorded about the candidate's
 * own enrolments. Room-wide incidents are about everyone and the proctor who wrote one is
 * staff, so neither is in a candidate's export.
 */
export async function incidentsAbout(
  db: DbOrTx,
  enrolmentIds: readonly string[],
): Promise<MyIncident[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db
    .select({
      sittingId: incidents.sittingId,
      category: incidents.category,
      note: incidents.note,
      recordedAt: incidents.recordedAt,
    })
    .from(incidents)
    .where(inArray(incidents.enrolmentId, [...enrolmentIds]))
    .orderBy(asc(incidents.recordedAt), asc(incidents.recordingOrder));
  return rows.map((row) => ({ ...row, recordedAt: iso(row.recordedAt) }));
}
