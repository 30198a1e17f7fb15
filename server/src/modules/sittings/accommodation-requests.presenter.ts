import type { AccommodationRequest } from '@exam/shared/api';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import * as repo from './accommodation-requests.repo.js';
import type { SittingsDeps } from './sittings.deps.js';

/** Requests as the API shows them: with the candidate's name, the sitting and document facts. */
export async function presentRequests(
  tx: DbOrTx,
  scope: Scope,
  rows: repo.RequestRow[],
  users: Pick<SittingsDeps['users'], 'findByIds'>,
): Promise<AccommodationRequest[]> {
  const documents = await repo.documentsOf(
    tx,
    scope,
    rows.map((r) => r.id),
  );
  const people = new Map(
    (await users.findByIds(tx, [...new Set(rows.map((r) => r.candidateId))])).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  const out: AccommodationRequest[] = [];
  for (const row of rows) {
    const enrolment = await repo.enrolmentWithSitting(tx, scope, row.enrolmentId);
    out.push({
      id: row.id,
      enrolmentId: row.enrolmentId,
      candidateId: row.candidateId,
      candidateName: people.get(row.candidateId) ?? 'Unknown candidate',
      sittingName: enrolment?.sittingName ?? '',
      requested: row.requested,
      status: row.status as AccommodationRequest['status'],
      granted: row.granted ?? null,
      declineReason: row.declineReason,
      requestedAt: row.requestedAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      documents: documents
        .filter((d) => d.requestId === row.id)
        .map((d) => ({
          id: d.id,
          fileName: d.fileName,
          contentType: d.contentType,
          sizeBytes: d.sizeBytes,
        })),
    });
  }
  return out;
}
