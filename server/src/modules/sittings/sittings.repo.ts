import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { scopeReaches, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associationInScope, sittingInScope as sittingIdInScope } from '../../db/scope-filters.js';
import { enrolments, sittingProctors, sittings } from '../../db/schema/sittings.js';

export type SittingRow = typeof sittings.$inferSelect;
export type SittingInsert = typeof sittings.$inferInsert;
export type EnrolmentRow = typeof enrolments.$inferSelect;

/** Sittings the scope reaches: its association's, or all of them for the programme. */
export function sittingInScope(scope: Scope): SQL | undefined {
  return associationInScope(scope, sittings.associationId);
}

/**
 * Rows of a table keyed by sitting that the scope reaches: those of its association's sittings.
 * Such tables carry no association of their own, so the sitting decides (the shared filter,
 * named here beside `sittingInScope` for the sitting id columns of this module's tables).
 */
export { sittingIdInScope };

/** Proctor assignments the scope reaches: those of its association's sittings. */
function proctorsInScope(scope: Scope): SQL | undefined {
  return sittingIdInScope(scope, sittingProctors.sittingId);
}

/** The scope's sitting with this id, as a query the caller limits or locks. */
function sittingById(db: DbOrTx, scope: Scope, id: string) {
  return db
    .select()
    .from(sittings)
    .where(and(eq(sittings.id, id), sittingInScope(scope)))
    .$dynamic();
}

export async function insertSitting(
  db: DbOrTx,
  scope: Scope,
  sitting: SittingInsert,
): Promise<SittingRow> {
  if (!scopeReaches(scope, sitting.associationId)) {
    throw new Error('sitting inserted outside the scope');
  }
  const [row] = await db.insert(sittings).values(sitting).returning();
  if (!row) throw new Error('insert returned no sitting');
  return row;
}

export async function updateSitting(
  db: DbOrTx,
  scope: Scope,
  id: string,
  values: Partial<SittingInsert>,
): Promise<SittingRow> {
  const [row] = await db
    .update(sittings)
    .set(values)
    .where(and(eq(sittings.id, id), sittingInScope(scope)))
    .returning();
  if (!row) throw new Error('update found no sitting');
  return row;
}

export async function findSitting(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<SittingRow | undefined> {
  const rows = await sittingById(db, scope, id).limit(1);
  return rows[0];
}

/** Locks the sitting's row for the rest of the transaction: status checks and changes serialise. */
export async function lockSitting(
  db: DbOrTx,
  scope: Scope,
  id: string,
): Promise<SittingRow | undefined> {
  const rows = await sittingById(db, scope, id).for('update');
  return rows[0];
}

export async function listSittings(
  db: DbOrTx,
  scope: Scope,
): Promise<{ sitting: SittingRow; enrolled: number }[]> {
  const counts = db
    .select({ sittingId: enrolments.sittingId, enrolled: count().as('enrolled') })
    .from(enrolments)
    .groupBy(enrolments.sittingId)
    .as('counts');
  const rows = await db
    .select({ sitting: sittings, enrolled: counts.enrolled })
    .from(sittings)
    .leftJoin(counts, eq(counts.sittingId, sittings.id))
    .where(sittingInScope(scope))
    .orderBy(desc(sittings.startsAt), asc(sittings.name));
  return rows.map((r) => ({ sitting: r.sitting, enrolled: Number(r.enrolled ?? 0) }));
}

export async function proctorIdsOf(db: DbOrTx, scope: Scope, sittingId: string): Promise<string[]> {
  const rows = await db
    .select({ id: sittingProctors.proctorId })
    .from(sittingProctors)
    .where(and(eq(sittingProctors.sittingId, sittingId), proctorsInScope(scope)));
  return rows.map((r) => r.id);
}

export async function replaceProctors(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
  proctorIds: readonly string[],
): Promise<void> {
  if (!(await findSitting(db, scope, sittingId))) throw new Error('no such sitting in scope');
  await db.delete(sittingProctors).where(eq(sittingProctors.sittingId, sittingId));
  if (proctorIds.length > 0) {
    await db
      .insert(sittingProctors)
      .values(proctorIds.map((proctorId) => ({ sittingId, proctorId })));
  }
}

/** Sittings in the given states that use the vignette set. */
export function sittingsUsingVignetteSet(
  db: DbOrTx,
  scope: Scope,
  setId: string,
  statuses: readonly string[],
): Promise<{ id: string; name: string; status: string }[]> {
  return db
    .select({ id: sittings.id, name: sittings.name, status: sittings.status })
    .from(sittings)
    .where(
      and(
        inArray(sittings.status, [...statuses]),
        sittingInScope(scope),
        sql`${sittings.vignetteSets} @> ${JSON.stringify([setId])}::jsonb`,
      ),
    );
}

/** Every vignette set id used by a sitting in the given states. */
export async function vignetteSetIdsUsed(
  db: DbOrTx,
  scope: Scope,
  statuses: readonly string[],
): Promise<Set<string>> {
  const rows = await db
    .select({ sets: sittings.vignetteSets })
    .from(sittings)
    .where(and(inArray(sittings.status, [...statuses]), sittingInScope(scope)));
  return new Set(rows.flatMap((r) => r.sets));
}

/** The association a sitting belongs to, for modules that must check an object's owner. */
export async function associationOfSitting(
  db: DbOrTx,
  scope: Scope,
  sittingId: string,
): Promise<string | undefined> {
  const rows = await db
    .select({ associationId: sittings.associationId })
    .from(sittings)
    .where(and(eq(sittings.id, sittingId), sittingInScope(scope)));
  return rows[0]?.associationId;
}
