import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittingProctors, sittings } from '../../db/schema/sittings.js';

const sittingColumns = {
  id: sittings.id,
  name: sittings.name,
  status: sittings.status,
  startsAt: sittings.startsAt,
  timeZone: sittings.timeZone,
  location: sittings.location,
  remote: sittings.remote,
};

const rosterColumns = {
  enrolmentId: enrolments.id,
  sittingId: enrolments.sittingId,
  candidateId: enrolments.candidateId,
  examEndorsement: enrolments.examEndorsement,
  category: enrolments.category,
  track: enrolments.track,
  admittedAt: enrolments.admittedAt,
};

export async function findSitting(db: DbOrTx, sittingId: string) {
  const rows = await db.select(sittingColumns).from(sittings).where(eq(sittings.id, sittingId));
  return rows[0];
}

/** One enrolment, without the candidate's name (auth's data: the service adds it). */
export function rosterEntry(db: DbOrTx, enrolmentId: string) {
  return db.select(rosterColumns).from(enrolments).where(eq(enrolments.id, enrolmentId));
}

export async function isAssignedProctor(
  db: DbOrTx,
  sittingId: string,
  userId: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: sittingProctors.proctorId })
    .from(sittingProctors)
    .where(and(eq(sittingProctors.sittingId, sittingId), eq(sittingProctors.proctorId, userId)));
  return rows.length > 0;
}

/** Sittings in these statuses by start then name, with their candidate counts. */
export async function listSittings(
  db: DbOrTx,
  options: { assignedTo?: string; statuses: readonly string[] },
) {
  const counts = db
    .select({ sittingId: enrolments.sittingId, n: count().as('n') })
    .from(enrolments)
    .groupBy(enrolments.sittingId)
    .as('counts');
  const base = db
    .select({ ...sittingColumns, candidateCount: counts.n })
    .from(sittings)
    .leftJoin(counts, eq(counts.sittingId, sittings.id));
  const statusFilter = inArray(sittings.status, [...options.statuses]);
  const rows = options.assignedTo
    ? await base
        .innerJoin(sittingProctors, eq(sittingProctors.sittingId, sittings.id))
        .where(and(statusFilter, eq(sittingProctors.proctorId, options.assignedTo)))
        .orderBy(asc(sittings.startsAt), asc(sittings.name))
    : await base.where(statusFilter).orderBy(asc(sittings.startsAt), asc(sittings.name));
  return rows.map((row) => ({ ...row, candidateCount: Number(row.candidateCount ?? 0) }));
}

/** A sitting's enrolments, without names (auth's data: the service adds them and sorts). */
export function roster(db: DbOrTx, sittingId: string) {
  return db.select(rosterColumns).from(enrolments).where(eq(enrolments.sittingId, sittingId));
}

/** Marks the enrolment admitted; false if it already was. */
export async function admit(
  tx: DbOrTx,
  enrolmentId: string,
  actorId: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(enrolments)
    .set({ admittedAt: at, admittedBy: actorId })
    .where(and(eq(enrolments.id, enrolmentId), isNull(enrolments.admittedAt)))
    .returning({ id: enrolments.id });
  return rows.length > 0;
}
