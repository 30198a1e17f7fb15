import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { scopeReaches, type Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associationInScope } from '../../db/scope-filters.js';
import { checkInPhotos, checkIns } from '../../db/schema/check-in.js';

export type CheckInRow = typeof checkIns.$inferSelect;
export type PhotoMeta = Omit<typeof checkInPhotos.$inferSelect, 'content'>;

function checkInScope(scope: Scope): SQL | undefined {
  return associationInScope(scope, checkIns.associationId);
}

function photoScope(scope: Scope): SQL | undefined {
  return associationInScope(scope, checkInPhotos.associationId);
}

function assertOwn(scope: Scope, associationId: string): void {
  if (!scopeReaches(scope, associationId))
    throw new Error('A check-in is written only in its own association.');
}

export async function find(
  db: DbOrTx,
  scope: Scope,
  enrolmentId: string,
): Promise<CheckInRow | undefined> {
  const rows = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.enrolmentId, enrolmentId), checkInScope(scope)));
  return rows[0];
}

export function ofSitting(db: DbOrTx, scope: Scope, sittingId: string): Promise<CheckInRow[]> {
  return db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.sittingId, sittingId), checkInScope(scope)));
}

/** Creates or changes the one check-in of an enrolment. */
export async function upsert(
  tx: DbOrTx,
  scope: Scope,
  row: typeof checkIns.$inferInsert,
): Promise<void> {
  assertOwn(scope, row.associationId);
  const { enrolmentId: _id, associationId: _a, sittingId: _s, ...changes } = row;
  await tx.insert(checkIns).values(row).onConflictDoUpdate({
    target: checkIns.enrolmentId,
    set: changes,
  });
}

export async function insertPhoto(
  tx: DbOrTx,
  scope: Scope,
  row: typeof checkInPhotos.$inferInsert,
): Promise<void> {
  assertOwn(scope, row.associationId);
  await tx.insert(checkInPhotos).values(row);
}

export function photosOf(
  db: DbOrTx,
  scope: Scope,
  enrolmentIds: readonly string[],
): Promise<PhotoMeta[]> {
  if (enrolmentIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: checkInPhotos.id,
      associationId: checkInPhotos.associationId,
      enrolmentId: checkInPhotos.enrolmentId,
      kind: checkInPhotos.kind,
      sizeBytes: checkInPhotos.sizeBytes,
      takenAt: checkInPhotos.takenAt,
    })
    .from(checkInPhotos)
    .where(and(inArray(checkInPhotos.enrolmentId, [...enrolmentIds]), photoScope(scope)))
    .orderBy(checkInPhotos.takenAt);
}

export async function photo(db: DbOrTx, scope: Scope, enrolmentId: string, photoId: string) {
  const rows = await db
    .select()
    .from(checkInPhotos)
    .where(
      and(
        eq(checkInPhotos.id, photoId),
        eq(checkInPhotos.enrolmentId, enrolmentId),
        photoScope(scope),
      ),
    );
  return rows[0];
}

/** Retention: the photos of a sitting's check-ins go; the decisions stay. Returns how many. */
export async function purgePhotosOfSitting(tx: DbOrTx, sittingId: string): Promise<number> {
  const gone = await tx
    .delete(checkInPhotos)
    .where(
      inArray(
        checkInPhotos.enrolmentId,
        tx
          .select({ id: checkIns.enrolmentId })
          .from(checkIns)
          .where(eq(checkIns.sittingId, sittingId)),
      ),
    )
    .returning({ id: checkInPhotos.id });
  return gone.length;
}
