import type { ExportedCheckIn } from '@exam/shared/api';
import { asc, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { checkInPhotos, checkIns } from '../../db/schema/check-in.js';
import { iso, isoOrNull } from '../../lib/iso.js';

/**
 * The read side of identity check-in for the privacy module: the candidate's check-in records
 * of their own enrolments (decision, reason, times) and which photos were taken when. The
 * images stay out of the JSON export, and so does the proctor who decided.
 */
export async function checkInsOf(
  db: DbOrTx,
  enrolmentIds: readonly string[],
): Promise<ExportedCheckIn[]> {
  if (enrolmentIds.length === 0) return [];
  const ids = [...enrolmentIds];
  const [records, photos] = await Promise.all([
    db
      .select()
      .from(checkIns)
      .where(inArray(checkIns.enrolmentId, ids))
      .orderBy(asc(checkIns.updatedAt)),
    db
      .select({
        enrolmentId: checkInPhotos.enrolmentId,
        kind: checkInPhotos.kind,
        sizeBytes: checkInPhotos.sizeBytes,
        takenAt: checkInPhotos.takenAt,
      })
      .from(checkInPhotos)
      .where(inArray(checkInPhotos.enrolmentId, ids))
      .orderBy(asc(checkInPhotos.takenAt)),
  ]);
  return records.map((r) => ({
    enrolmentId: r.enrolmentId,
    sittingId: r.sittingId,
    mode: r.mode,
    status: r.status,
    candidateNote: r.candidateNote,
    decisionReason: r.decisionReason,
    decidedAt: isoOrNull(r.decidedAt),
    updatedAt: iso(r.updatedAt),
    photos: photos
      .filter((p) => p.enrolmentId === r.enrolmentId)
      .map((p) => ({ kind: p.kind, sizeBytes: p.sizeBytes, takenAt: iso(p.takenAt) })),
  }));
}
