import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { candidateProfiles } from '../../db/schema/candidates.js';
import { enrolments, sittingProctors, sittings } from '../../db/schema/sittings.js';

export type SittingRow = typeof sittings.$inferSelect;
export type SittingInsert = typeof sittings.$inferInsert;
export type EnrolmentRow = typeof enrolments.$inferSelect;
export type ProfileRow = typeof candidateProfiles.$inferSelect;

/** The candidate's enrolment in a sitting that is open now (at most one is expected). */
export async function findOpenEnrolment(
  db: DbOrTx,
  candidateId: string,
): Promise<{ enrolment: EnrolmentRow; sitting: SittingRow } | undefined> {
  const rows = await db
    .select({ enrolment: enrolments, sitting: sittings })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(and(eq(enrolments.candidateId, candidateId), eq(sittings.status, 'open')))
    .limit(1);
  return rows[0];
}

/** The candidate's enrolments in sittings open now: the ones whose attempts can still run. */
export async function openEnrolmentIdsOf(db: DbOrTx, candidateId: string): Promise<string[]> {
  const rows = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(and(eq(enrolments.candidateId, candidateId), eq(sittings.status, 'open')));
  return rows.map((row) => row.id);
}

export async function findEnrolment(
  db: DbOrTx,
  enrolmentId: string,
): Promise<{ enrolment: EnrolmentRow; sitting: SittingRow } | undefined> {
  const rows = await db
    .select({ enrolment: enrolments, sitting: sittings })
    .from(enrolments)
    .innerJoin(sittings, eq(sittings.id, enrolments.sittingId))
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  return rows[0];
}

export async function findProfile(db: DbOrTx, userId: string): Promise<ProfileRow | undefined> {
  const rows = await db
    .select()
    .from(candidateProfiles)
    .where(eq(candidateProfiles.userId, userId))
    .limit(1);
  return rows[0];
}

export function findProfiles(db: DbOrTx, userIds: readonly string[]): Promise<ProfileRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(candidateProfiles)
    .where(inArray(candidateProfiles.userId, [...userIds]));
}

export async function upsertProfile(
  db: DbOrTx,
  profile: Pick<ProfileRow, 'userId' | 'endorsement' | 'category' | 'track'>,
): Promise<void> {
  await db
    .insert(candidateProfiles)
    .values(profile)
    .onConflictDoUpdate({
      target: candidateProfiles.userId,
      set: { endorsement: profile.endorsement, category: profile.category, track: profile.track },
    });
}

export async function updateAccommodations(
  db: DbOrTx,
  userId: string,
  values: Partial<Omit<ProfileRow, 'userId' | 'endorsement' | 'category' | 'track'>>,
): Promise<ProfileRow | undefined> {
  const [row] = await db
    .update(candidateProfiles)
    .set(values)
    .where(eq(candidateProfiles.userId, userId))
    .returning();
  return row;
}

export async function insertSitting(db: DbOrTx, sitting: SittingInsert): Promise<SittingRow> {
  const [row] = await db.insert(sittings).values(sitting).returning();
  if (!row) throw new Error('insert returned no sitting');
  return row;
}

export async function updateSitting(
  db: DbOrTx,
  id: string,
  values: Partial<SittingInsert>,
): Promise<SittingRow> {
  const [row] = await db.update(sittings).set(values).where(eq(sittings.id, id)).returning();
  if (!row) throw new Error('update found no sitting');
  return row;
}

export async function findSitting(db: DbOrTx, id: string): Promise<SittingRow | undefined> {
  const rows = await db.select().from(sittings).where(eq(sittings.id, id)).limit(1);
  return rows[0];
}

/** Locks the sitting's row for the rest of the transaction: status checks and changes serialise. */
export async function lockSitting(db: DbOrTx, id: string): Promise<SittingRow | undefined> {
  const rows = await db.select().from(sittings).where(eq(sittings.id, id)).for('update');
  return rows[0];
}

export async function listSittings(
  db: DbOrTx,
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
    .orderBy(desc(sittings.startsAt), asc(sittings.name));
  return rows.map((r) => ({ sitting: r.sitting, enrolled: Number(r.enrolled ?? 0) }));
}

export async function countEnrolments(db: DbOrTx, sittingId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(enrolments)
    .where(eq(enrolments.sittingId, sittingId));
  return Number(row?.n ?? 0);
}

export async function proctorIdsOf(db: DbOrTx, sittingId: string): Promise<string[]> {
  const rows = await db
    .select({ id: sittingProctors.proctorId })
    .from(sittingProctors)
    .where(eq(sittingProctors.sittingId, sittingId));
  return rows.map((r) => r.id);
}

export async function replaceProctors(
  db: DbOrTx,
  sittingId: string,
  proctorIds: readonly string[],
): Promise<void> {
  await db.delete(sittingProctors).where(eq(sittingProctors.sittingId, sittingId));
  if (proctorIds.length > 0) {
    await db
      .insert(sittingProctors)
      .values(proctorIds.map((proctorId) => ({ sittingId, proctorId })));
  }
}

export function enrolmentsOf(db: DbOrTx, sittingId: string): Promise<EnrolmentRow[]> {
  return db
    .select()
    .from(enrolments)
    .where(eq(enrolments.sittingId, sittingId))
    .orderBy(asc(enrolments.enrolledAt));
}

export async function insertEnrolment(
  db: DbOrTx,
  enrolment: typeof enrolments.$inferInsert,
): Promise<EnrolmentRow> {
  const [row] = await db.insert(enrolments).values(enrolment).returning();
  if (!row) throw new Error('insert returned no enrolment');
  return row;
}

export async function deleteEnrolment(db: DbOrTx, id: string): Promise<void> {
  await db.delete(enrolments).where(eq(enrolments.id, id));
}

/** Of these candidates, those enrolled in an open sitting other than `sittingId`. */
export async function candidatesInOtherOpenSittings(
  db: DbOrTx,
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
      ),
    );
}

/** Sittings in the given states that use the vignette set. */
export function sittingsUsingVignetteSet(
  db: DbOrTx,
  setId: string,
  statuses: readonly string[],
): Promise<{ id: string; name: string; status: string }[]> {
  return db
    .select({ id: sittings.id, name: sittings.name, status: sittings.status })
    .from(sittings)
    .where(
      and(
        inArray(sittings.status, [...statuses]),
        sql`${sittings.vignetteSets} @> ${JSON.stringify([setId])}::jsonb`,
      ),
    );
}

/** Every vignette set id used by a sitting in the given states. */
export async function vignetteSetIdsUsed(
  db: DbOrTx,
  statuses: readonly string[],
): Promise<Set<string>> {
  const rows = await db
    .select({ sets: sittings.vignetteSets })
    .from(sittings)
    .where(inArray(sittings.status, [...statuses]));
  return new Set(rows.flatMap((r) => r.sets));
}

/** The candidate of each given enrolment, by enrolment id (for modules that hold only the id). */
export async function candidatesOfEnrolments(
  db: DbOrTx,
  enrolmentIds: readonly string[],
): Promise<Map<string, string>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .select({ id: enrolments.id, candidateId: enrolments.candidateId })
    .from(enrolments)
    .where(inArray(enrolments.id, [...new Set(enrolmentIds)]));
  return new Map(rows.map((r) => [r.id, r.candidateId]));
}
