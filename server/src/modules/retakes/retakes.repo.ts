import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associationInScope } from '../../db/scope-filters.js';
import { retakeRequests } from '../../db/schema/retakes.js';

export type RetakeRequestRow = typeof retakeRequests.$inferSelect;

/** The association filter every query carries (the programme sees all); RLS is the second wall. */
function inScope(scope: Scope): SQL | undefined {
  return associationInScope(scope, retakeRequests.associationId);
}

export function listRequests(db: DbOrTx, scope: Scope): Promise<RetakeRequestRow[]> {
  return db
    .select()
    .from(retakeRequests)
    .where(inScope(scope))
    .orderBy(desc(retakeRequests.requestedAt));
}

export function requestsOfCandidate(
  db: DbOrTx,
  scope: Scope,
  candidateId: string,
): Promise<RetakeRequestRow[]> {
  return db
    .select()
    .from(retakeRequests)
    .where(and(eq(retakeRequests.candidateId, candidateId), inScope(scope)))
    .orderBy(desc(retakeRequests.requestedAt));
}

/** One request within the scope, locked for the rest of the transaction (a decision). */
export async function lockRequest(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<RetakeRequestRow | undefined> {
  const rows = await db
    .select()
    .from(retakeRequests)
    .where(and(eq(retakeRequests.id, id), inScope(scope)))
    .for('update');
  return rows[0];
}

/** Inserts unless a live request for the same sitting and part exists (then undefined). */
export async function insertRequest(
  db: DbOrTx,
  values: typeof retakeRequests.$inferInsert,
): Promise<RetakeRequestRow | undefined> {
  const [row] = await db.insert(retakeRequests).values(values).onConflictDoNothing().returning();
  return row;
}

export async function decideRequest(
  db: DbOrTx,
  scope: Scope,
  id: string,
  values: Pick<
    typeof retakeRequests.$inferInsert,
    'status' | 'decidedAt' | 'decidedBy' | 'declineReason' | 'enrolmentId' | 'eligibility'
  >,
): Promise<RetakeRequestRow> {
  const [row] = await db
    .update(retakeRequests)
    .set(values)
    .where(and(eq(retakeRequests.id, id), inScope(scope)))
    .returning();
  if (!row) throw new Error('decision found no retake request');
  return row;
}
