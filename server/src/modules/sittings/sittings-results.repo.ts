import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';

const sittingColumns = {
  id: sittings.id,
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
};

/** Every sitting past draft, newest first. */
export function listSittings(db: DbOrTx) {
  return db
    .select(sittingColumns)
    .from(sittings)
    .where(ne(sittings.status, 'draft'))
    .orderBy(desc(sittings.createdAt));
}

export async function findSitting(db: DbOrTx, id: string) {
  const rows = await db.select(sittingColumns).from(sittings).where(eq(sittings.id, id));
  return rows[0];
}

export function enrolmentsOf(db: DbOrTx, sittingId: string) {
  return db.select(enrolmentColumns).from(enrolments).where(eq(enrolments.sittingId, sittingId));
}

export async function sittingOfEnrolment(
  db: DbOrTx,
  enrolmentId: string,
): Promise<string | undefined> {
  const rows = await db
    .select({ sittingId: enrolments.sittingId })
    .from(enrolments)
    .where(eq(enrolments.id, enrolmentId));
  return rows[0]?.sittingId;
}

/** The candidate's enrolments with their sittings' names and statuses, newest first. */
export function enrolmentsOfCandidate(db: DbOrTx, candidateId: string) {
  return db
    .select({ ...enrolmentColumns, sittingName: sittings.name, sittingStatus: sittings.status })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(eq(enrolments.candidateId, candidateId))
    .orderBy(desc(sittings.createdAt));
}

/** Enrolments in sittings whose status is one of `statuses`. */
export function enrolmentsInStatuses(db: DbOrTx, statuses: readonly string[]) {
  return db
    .select(enrolmentColumns)
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(inArray(sittings.status, [...statuses]));
}

export async function policiesOf(db: DbOrTx, sittingId: string) {
  const [row] = await db
    .select({ policies: sittings.policies })
    .from(sittings)
    .where(eq(sittings.id, sittingId));
  return row?.policies;
}

/** Moves the sitting from `from` to `to`; false when it was not in `from`. */
export async function moveStatus(
  tx: DbOrTx,
  sittingId: string,
  from: string,
  to: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(sittings)
    .set({ status: to, updatedAt: at })
    .where(and(eq(sittings.id, sittingId), eq(sittings.status, from)))
    .returning({ id: sittings.id });
  return rows.length > 0;
}

/** The sitting's status under a share lock held to the end of the caller's transaction. */
export async function statusForShare(tx: DbOrTx, sittingId: string) {
  const rows = await tx
    .select({ status: sittings.status })
    .from(sittings)
    .where(eq(sittings.id, sittingId))
    .for('share');
  return rows[0]?.status;
}

/** Every sitting whose forms include this one, share-locked to the end of the caller's transaction. */
export function sittingsUsingFormForShare(tx: DbOrTx, formId: string) {
  return tx
    .select({ name: sittings.name, status: sittings.status })
    .from(sittings)
    .where(sql`${formId} IN (SELECT value FROM jsonb_each_text(${sittings.forms}))`)
    .for('share');
}
