import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';
import { sittingIdInScope, sittingInScope } from './sittings.repo.js';

const sittingColumns = {
  id: sittings.id,
  associationId: sittings.associationId,
  name: sittings.name,
  status: sittings.status,
  cutScore: sittings.cutScore,
};
const enrolmentColumns = {
  enrolmentId: enrolments.id,
  sittingId: enrolments.sittingId,
  candidateId: enrolments.candidateId,
  examEndorsement: enrolments.examEndorsement,
  category: enrolments.category,
  track: enrolments.track,
  parts: enrolments.parts,
};

/** Every sitting past draft, newest first. */
export function listSittings(db: DbOrTx, scope: Scope) {
  return db
    .select(sittingColumns)
    .from(sittings)
    .where(and(ne(sittings.status, 'draft'), sittingInScope(scope)))
    .orderBy(desc(sittings.createdAt));
}

export async function findSitting(db: DbOrTx, scope: Scope, id: string) {
  const rows = await db
    .select(sittingColumns)
    .from(sittings)
    .where(and(eq(sittings.id, id), sittingInScope(scope)));
  return rows[0];
}

export function enrolmentsOf(db: DbOrTx, scope: Scope, sittingId: string) {
  return db
    .select(enrolmentColumns)
    .from(enrolments)
    .where(and(eq(enrolments.sittingId, sittingId), sittingIdInScope(scope, enrolments.sittingId)));
}

export async function sittingOfEnrolment(
  db: DbOrTx,
  scope: Scope,
  enrolmentId: string,
): Promise<string | undefined> {
  const rows = await db
    .select({ sittingId: enrolments.sittingId })
    .from(enrolments)
    .where(and(eq(enrolments.id, enrolmentId), sittingIdInScope(scope, enrolments.sittingId)));
  return rows[0]?.sittingId;
}

/** The candidate's enrolments with their sittings' names and statuses, newest first. */
export function enrolmentsOfCandidate(db: DbOrTx, scope: Scope, candidateId: string) {
  return db
    .select({ ...enrolmentColumns, sittingName: sittings.name, sittingStatus: sittings.status })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(and(eq(enrolments.candidateId, candidateId), sittingInScope(scope)))
    .orderBy(desc(sittings.createdAt));
}

/**
 * The sittings whose results are not released yet in which any of `candidateIds` is enrolled,
 * newest first: the one reading of "still waiting for their results" that the grading pool and
 * the standard-setting panel both go by.
 */
export function sittingsAwaitingResults(db: DbOrTx, candidateIds: readonly string[]) {
  if (candidateIds.length === 0) return Promise.resolve([]);
  return db
    .select({ candidateId: enrolments.candidateId, sittingName: sittings.name })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(and(inArray(enrolments.candidateId, [...candidateIds]), ne(sittings.status, 'released')))
    .orderBy(desc(sittings.createdAt));
}

/** Enrolments in sittings whose status is one of `statuses`. */
export function enrolmentsInStatuses(db: DbOrTx, scope: Scope, statuses: readonly string[]) {
  return db
    .select(enrolmentColumns)
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(and(inArray(sittings.status, [...statuses]), sittingInScope(scope)));
}

export async function policiesOf(db: DbOrTx, scope: Scope, sittingId: string) {
  const [row] = await db
    .select({ policies: sittings.policies })
    .from(sittings)
    .where(and(eq(sittings.id, sittingId), sittingInScope(scope)));
  return row?.policies;
}

/** Moves the sitting from `from` to `to`; false when it was not in `from`. */
export async function moveStatus(
  tx: DbOrTx,
  scope: Scope,
  sittingId: string,
  from: string,
  to: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(sittings)
    .set({ status: to, updatedAt: at })
    .where(and(eq(sittings.id, sittingId), eq(sittings.status, from), sittingInScope(scope)))
    .returning({ id: sittings.id });
  return rows.length > 0;
}

/** The sitting's status under a share lock held to the end of the caller's transaction. */
export async function statusForShare(tx: DbOrTx, scope: Scope, sittingId: string) {
  const rows = await tx
    .select({ status: sittings.status })
    .from(sittings)
    .where(and(eq(sittings.id, sittingId), sittingInScope(scope)))
    .for('share');
  return rows[0]?.status;
}

/** Every sitting whose forms include this one, share-locked to the end of the caller's transaction. */
export function sittingsUsingFormForShare(tx: DbOrTx, scope: Scope, formId: string) {
  return tx
    .select({ name: sittings.name, status: sittings.status })
    .from(sittings)
    .where(
      and(
        sql`${formId} IN (SELECT value FROM jsonb_each_text(${sittings.forms}))`,
        sittingInScope(scope),
      ),
    )
    .for('share');
}
