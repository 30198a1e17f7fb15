import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittingProctors, sittings } from '../../db/schema/sittings.js';
import { sittingIdInScope, sittingInScope } from './sittings.repo.js';

const sittingColumns = {
  id: sittings.id,
  associationId: sittings.associationId,
  name: sittings.name,
  status: sittings.status,
  startsAt: sittings.startsAt,
  timeZone: sittings.timeZone,
  location: sittings.location,
  remote: sittings.remote,
  // A sitting's policy may say; otherwise remote sittings check identity and in-person ones
  // rely on the proctor's look at the photo ID at the door.
  identityCheck: sql<boolean>`coalesce((${sittings.policies}->>'identityCheck')::boolean, ${sittings.remote})`,
};

const rosterColumns = {
  enrolmentId: enrolments.id,
  sittingId: enrolments.sittingId,
  candidateId: enrolments.candidateId,
  examEndorsement: enrolments.examEndorsement,
  category: enrolments.category,
  track: enrolments.track,
  admittedAt: enrolments.admittedAt,
  parts: enrolments.parts,
};

export async function findSitting(db: DbOrTx, scope: Scope, sittingId: string) {
  const rows = await db
    .select(sittingColumns)
    .from(sittings)
    .where(and(eq(sittings.id, sittingId), sittingInScope(scope)));
  return rows[0];
}

/** One enrolment, without the candidate's name (auth's data: the service adds it). */
export function rosterEntry(db: DbOrTx, scope: Scope, enrolmentId: string) {
  return db
    .select(rosterColumns)
    .from(enrolments)
    .where(and(eq(enrolments.id, enrolmentId), sittingIdInScope(scope, enrolments.sittingId)));
}

export async function isAssignedProctor(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
  userId: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: sittingProctors.proctorId })
    .from(sittingProctors)
    .where(
      and(
        eq(sittingProctors.sittingId, sittingId),
        eq(sittingProctors.proctorId, userId),
        sittingIdInScope(scope, sittingProctors.sittingId),
      ),
    );
  return rows.length > 0;
}

/** Sittings in these statuses by start then name, with their candidate counts. */
export async function listSittings(
  db: DbOrTx,
  scope: Scope,
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
  const statusFilter = and(inArray(sittings.status, [...options.statuses]), sittingInScope(scope));
  const rows = options.assignedTo
    ? await base
        .innerJoin(sittingProctors, eq(sittingProctors.sittingId, sittings.id))
        .where(and(statusFilter, eq(sittingProctors.proctorId, options.assignedTo)))
        .orderBy(asc(sittings.startsAt), asc(sittings.name))
    : await base.where(statusFilter).orderBy(asc(sittings.startsAt), asc(sittings.name));
  return rows.map((row) => ({ ...row, candidateCount: Number(row.candidateCount ?? 0) }));
}

/** A sitting's enrolments, without names (auth's data: the service adds them and sorts). */
export function roster(db: DbOrTx, scope: Scope, sittingId: string) {
  return db
    .select(rosterColumns)
    .from(enrolments)
    .where(and(eq(enrolments.sittingId, sittingId), sittingIdInScope(scope, enrolments.sittingId)));
}

/** Marks the enrolment admitted; false if it already was. */
export async function admit(
  tx: DbOrTx,
  scope: Scope,
  enrolmentId: string,
  actorId: string,
  at: Date,
): Promise<boolean> {
  const rows = await tx
    .update(enrolments)
    .set({ admittedAt: at, admittedBy: actorId })
    .where(
      and(
        eq(enrolments.id, enrolmentId),
        isNull(enrolments.admittedAt),
        sittingIdInScope(scope, enrolments.sittingId),
      ),
    )
    .returning({ id: enrolments.id });
  return rows.length > 0;
}
