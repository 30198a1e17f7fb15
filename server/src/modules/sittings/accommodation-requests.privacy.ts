import type { ExportedAccommodationRequest } from '@exam/shared/api';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  accommodationDocuments,
  accommodationRequests,
} from '../../db/schema/accommodation-requests.js';
import { enrolments } from '../../db/schema/sittings.js';
import { iso, isoOrNull } from '../../lib/iso.js';

/**
 * The read side of accommodation requests for the privacy module: what the candidate asked,
 * the decision and its reason, and their documents' names, types and sizes. The documents'
 * bytes are the candidate's own upload and stay out of the JSON (one export would carry up to
 * five files per request as base64); who decided is staff and stays out.
 */
export async function accommodationRequestsOf(
  db: DbOrTx,
  candidateId: string,
): Promise<ExportedAccommodationRequest[]> {
  const requests = await db
    .select({
      id: accommodationRequests.id,
      enrolmentId: accommodationRequests.enrolmentId,
      sittingId: enrolments.sittingId,
      requested: accommodationRequests.requested,
      status: accommodationRequests.status,
      granted: accommodationRequests.granted,
      declineReason: accommodationRequests.declineReason,
      requestedAt: accommodationRequests.requestedAt,
      decidedAt: accommodationRequests.decidedAt,
    })
    .from(accommodationRequests)
    .innerJoin(enrolments, eq(enrolments.id, accommodationRequests.enrolmentId))
    .where(eq(accommodationRequests.candidateId, candidateId))
    .orderBy(asc(accommodationRequests.requestedAt));
  if (requests.length === 0) return [];
  const documents = await db
    .select({
      requestId: accommodationDocuments.requestId,
      fileName: accommodationDocuments.fileName,
      contentType: accommodationDocuments.contentType,
      sizeBytes: accommodationDocuments.sizeBytes,
      uploadedAt: accommodationDocuments.uploadedAt,
    })
    .from(accommodationDocuments)
    .where(
      inArray(
        accommodationDocuments.requestId,
        requests.map((r) => r.id),
      ),
    )
    .orderBy(asc(accommodationDocuments.uploadedAt));
  return requests.map((r) => ({
    ...r,
    requestedAt: iso(r.requestedAt),
    decidedAt: isoOrNull(r.decidedAt),
    documents: documents
      .filter((d) => d.requestId === r.id)
      .map(({ requestId: _requestId, uploadedAt, ...d }) => ({
        ...d,
        uploadedAt: iso(uploadedAt),
      })),
  }));
}
