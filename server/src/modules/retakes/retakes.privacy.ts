import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { retakeRequests } from '../../db/schema/retakes.js';
import { iso, isoOrNull } from '../../lib/iso.js';

/** A retake request as the candidate's export shows it; the sitting's name is sittings'. */
export interface RetakeRequestData {
  id: string;
  sittingId: string;
  part: number;
  status: string;
  requestedAt: string;
  decidedAt: string | null;
  declineReason: string | null;
  enrolmentId: string | null;
}

/**
 * The read side retakes gives the privacy module: the candidate's retake requests and their
 * decisions. The eligibility snapshot (which forms and vignette sets they saw, kept to warn the
 * coordinator) and who decided stay out.
 */
export async function retakeRequestsOf(
  db: DbOrTx,
  candidateId: string,
): Promise<RetakeRequestData[]> {
  const rows = await db
    .select()
    .from(retakeRequests)
    .where(eq(retakeRequests.candidateId, candidateId))
    .orderBy(asc(retakeRequests.requestedAt));
  return rows.map((r) => ({
    id: r.id,
    sittingId: r.sittingId,
    part: r.part,
    status: r.status,
    requestedAt: iso(r.requestedAt),
    decidedAt: isoOrNull(r.decidedAt),
    declineReason: r.declineReason,
    enrolmentId: r.enrolmentId,
  }));
}
