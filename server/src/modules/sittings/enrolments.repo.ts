/*
 * The enrolment queries: a candidate's seat in a sitting, found, listed, added and removed. Kept
 * apart from sittings.repo.ts (the sittings and their proctors) so each stays one concern; they
 * reuse its scope conditions, as an enrolment has no association of its own: its sitting's decides.
 */
import { and, asc, count, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, sittings } from '../../db/schema/sittings.js';
import {
  findSitting,
  sittingIdInScope,
  sittingInScope,
  type EnrolmentRow,
  type SittingRow,
} from './sittings.repo.js';

/** Enrolments with their sittings, in the scope, that meet every condition. */
function enrolmentsWithSitting(db: DbOrTx, scope: Scope, ...conditions: SQL[]) {
  return db
    .select({ enrolment: enrolments, sitting: sittings })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(and(...conditions, sittingInScope(scope)));
}

/** The candidate's enrolment in a sitting that is open now (at most one is expected). */
export async function findOpenEnrolment(
  db: DbOrTx,
  scope: Scope,
  candidateId: string,
): Promise<{ enrolment: EnrolmentRow; sitting: SittingRow } | undefined> {
  const rows = await enrolmentsWithSitting(
    db,
    scope,
    eq(enrolments.candidateId, candidateId),
    eq(sittings.status, 'open'),
  ).limit(1);
  return rows[0];
}

/** The candidate's enrolments in sittings open now: the ones whose attempts can still run. */
export async function openEnrolmentIdsOf(
  db: DbOrTx,
  scope: Scope,
  candidateId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(
      and(
        eq(enrolments.candidateId, candidateId),
        eq(sittings.status, 'open'),
        sittingInScope(scope),
      ),
    );
  return rows.map((row) => row.id);
}

export async function findEnrolment(
  db: DbOrTx,
  scope: Scope,
  enrolmentId: string,
): Promise<{ enrolment: EnrolmentRow; sitting: SittingRow } | undefined> {
  const rows = await enrolmentsWithSitting(db, scope, eq(enrolments.id, enrolmentId)).limit(1);
  return rows[0];
}

export async function countEnrolments(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(enrolments)
    .where(and(eq(enrolments.sittingId, sittingId), sittingIdInScope(scope, enrolments.sittingId)));
  return Number(row?.n ?? 0);
}

export function enrolmentsOf(db: DbOrTx, scope: Scope, sittingId: string): Promise<EnrolmentRow[]> {
  return db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.sittingId, sittingId), sittingIdInScope(scope, enrolments.sittingId)))
    .orderBy(asc(enrolments.enrolledAt));
}

export async function insertEnrolment(
  db: DbOrTx,
  scope: Scope,
  enrolment: typeof enrolments.$inferInsert,
): Promise<EnrolmentRow> {
  if (!(await findSitting(db, scope, enrolment.sittingId))) {
    throw new Error('enrolment inserted outside the scope');
  }
  const [row] = await db.insert(enrolments).values(enrolment).returning();
  if (!row) throw new Error('insert returned no enrolment');
  return row;
}

export async function deleteEnrolment(db: DbOrTx, scope: Scope, id: string): Promise<void> {
  await db
    .delete(enrolments)
    .where(and(eq(enrolments.id, id), sittingIdInScope(scope, enrolments.sittingId)));
}

/** Of these candidates, those enrolled in an open sitting other than `sittingId`. */
export async function candidatesInOtherOpenSittings(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
  candidateIds: readonly string[],
): Promise<{ candidateId: string; sittingName: string }[]> {
  if (candidateIds.length === 0) return [];
  return db
    .select({ candidateId: enrolments.candidateId, sittingName: sittings.name })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(
      and(
        inArray(enrolments.candidateId, [...candidateIds]),
        eq(sittings.status, 'open'),
        ne(sittings.id, sittingId),
        sittingInScope(scope),
      ),
    );
}

/** The candidate of each given enrolment, by enrolment id (for modules that hold only the id). */
export async function candidatesOfEnrolments(
  db: DbOrTx,
  scope: Scope,
  enrolmentIds: readonly string[],
): Promise<Map<string, string>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .select({ id: enrolments.id, candidateId: enrolments.candidateId })
    .from(enrolments)
    .where(
      and(
        inArray(enrolments.id, [...new Set(enrolmentIds)]),
        sittingIdInScope(scope, enrolments.sittingId),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.candidateId]));
}
