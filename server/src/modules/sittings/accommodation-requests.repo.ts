import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { scopeReaches, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import {
  accommodationDocuments,
  accommodationRequests,
  type AccommodationAsk,
} from '../../db/schema/accommodation-requests.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';
import { associationInScope } from '../../db/scope-filters.js';
import { sittingInScope } from './sittings.repo.js';

export type RequestRow = typeof accommodationRequests.$inferSelect;
export type DocumentMeta = Omit<typeof accommodationDocuments.$inferSelect, 'content'>;

function requestInScope(scope: Scope): SQL | undefined {
  return associationInScope(scope, accommodationRequests.associationId);
}

function documentInScope(scope: Scope): SQL | undefined {
  return associationInScope(scope, accommodationDocuments.associationId);
}

const enrolmentColumns = {
  enrolmentId: enrolments.id,
  candidateId: enrolments.candidateId,
  sittingId: sittings.id,
  associationId: sittings.associationId,
  sittingName: sittings.name,
  status: sittings.status,
  startsAt: sittings.startsAt,
  timeZone: sittings.timeZone,
};

/** An enrolment with its sitting's name, date and association, if the scope reaches it. */
export async function enrolmentWithSitting(db: DbOrTx, scope: Scope, enrolmentId: string) {
  const rows = await db
    .select(enrolmentColumns)
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(and(eq(enrolments.id, enrolmentId), sittingInScope(scope)));
  return rows[0];
}

/** The candidate's enrolments in sittings not yet closed, soonest first. */
export function enrolmentsOfCandidate(db: DbOrTx, scope: Scope, candidateId: string) {
  return db
    .select(enrolmentColumns)
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(
      and(
        eq(enrolments.candidateId, candidateId),
        inArray(sittings.status, ['draft', 'scheduled', 'open']),
        sittingInScope(scope),
      ),
    )
    .orderBy(sittings.startsAt);
}

export async function insertRequest(
  tx: DbOrTx,
  scope: Scope,
  row: {
    associationId: string;
    enrolmentId: string;
    candidateId: string;
    requested: AccommodationAsk;
    requestedAt: Date;
  },
): Promise<RequestRow> {
  if (!scopeReaches(scope, row.associationId))
    throw new Error('A request is written only in its own association.');
  const [inserted] = await tx.insert(accommodationRequests).values(row).returning();
  return inserted!;
}

export async function insertDocuments(
  tx: DbOrTx,
  scope: Scope,
  rows: (typeof accommodationDocuments.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  if (rows.some((r) => !scopeReaches(scope, r.associationId)))
    throw new Error('A document is written only in its own association.');
  await tx.insert(accommodationDocuments).values(rows);
}

export function requestsWhere(db: DbOrTx, scope: Scope, filter: SQL | undefined) {
  return db
    .select()
    .from(accommodationRequests)
    .where(and(filter, requestInScope(scope)))
    .orderBy(desc(accommodationRequests.requestedAt));
}

// No enrolments matches no request. Not `in ('')`: the column is a uuid, and '' is no uuid, so
// PostgreSQL refused the whole query (a candidate with no open place got a 500).
export const byEnrolments = (ids: readonly string[]) =>
  ids.length > 0 ? inArray(accommodationRequests.enrolmentId, [...ids]) : sql`false`;
export const byStatus = (status: string) => eq(accommodationRequests.status, status);

/** The newest request of an enrolment (pending or decided), locked when `forUpdate`. */
export async function latestOfEnrolment(
  tx: DbOrTx,
  scope: Scope,
  enrolmentId: string,
): Promise<RequestRow | undefined> {
  const rows = await tx
    .select()
    .from(accommodationRequests)
    .where(and(eq(accommodationRequests.enrolmentId, enrolmentId), requestInScope(scope)))
    .orderBy(desc(accommodationRequests.requestedAt))
    .limit(1)
    .for('update');
  return rows[0];
}

/** Decides a pending request; false when it was no longer pending (decided meanwhile). */
export async function decide(
  tx: DbOrTx,
  scope: Scope,
  id: string,
  decision: {
    status: 'approved' | 'declined';
    granted: AccommodationAsk | null;
    declineReason: string | null;
    decidedAt: Date;
    decidedBy: string;
  },
): Promise<boolean> {
  const rows = await tx
    .update(accommodationRequests)
    .set(decision)
    .where(
      and(
        eq(accommodationRequests.id, id),
        eq(accommodationRequests.status, 'pending'),
        requestInScope(scope),
      ),
    )
    .returning({ id: accommodationRequests.id });
  return rows.length > 0;
}

export function documentsOf(
  db: DbOrTx,
  scope: Scope,
  requestIds: readonly string[],
): Promise<DocumentMeta[]> {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: accommodationDocuments.id,
      associationId: accommodationDocuments.associationId,
      requestId: accommodationDocuments.requestId,
      fileName: accommodationDocuments.fileName,
      contentType: accommodationDocuments.contentType,
      sizeBytes: accommodationDocuments.sizeBytes,
      uploadedAt: accommodationDocuments.uploadedAt,
    })
    .from(accommodationDocuments)
    .where(and(inArray(accommodationDocuments.requestId, [...requestIds]), documentInScope(scope)))
    .orderBy(accommodationDocuments.uploadedAt);
}

export async function documentContent(
  db: DbOrTx,
  scope: Scope,
  requestId: string,
  documentId: string,
) {
  const rows = await db
    .select()
    .from(accommodationDocuments)
    .where(
      and(
        eq(accommodationDocuments.id, documentId),
        eq(accommodationDocuments.requestId, requestId),
        documentInScope(scope),
      ),
    );
  return rows[0];
}

/** Retention: removes the supporting documents of a sitting's requests; returns how many. */
export async function purgeDocumentsOfSitting(tx: DbOrTx, sittingId: string): Promise<number> {
  const requestIds = tx
    .select({ id: accommodationRequests.id })
    .from(accommodationRequests)
    .innerJoin(enrolments, eq(enrolments.id, accommodationRequests.enrolmentId))
    .where(eq(enrolments.sittingId, sittingId));
  const gone = await tx
    .delete(accommodationDocuments)
    .where(inArray(accommodationDocuments.requestId, requestIds))
    .returning({ id: accommodationDocuments.id });
  return gone.length;
}

/**
 * Enrolments (of any association) that have an accommodation request, pending or decided: the
 * deadline reminder goes only to those that have none.
 */
export async function enrolmentsWithRequests(
  db: DbOrTx,
  enrolmentIds: readonly string[],
): Promise<Set<string>> {
  if (enrolmentIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ enrolmentId: accommodationRequests.enrolmentId })
    .from(accommodationRequests)
    .where(inArray(accommodationRequests.enrolmentId, [...enrolmentIds]));
  return new Set(rows.map((r) => r.enrolmentId));
}
