import { asc, eq } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associations, DEFAULT_PROGRAMME_ID } from '../../db/schema/associations.js';

export type AssociationRow = typeof associations.$inferSelect;
export type AssociationFields = Omit<
  typeof associations.$inferInsert,
  'id' | 'programmeId' | 'createdAt'
>;

/** The associations a scope reaches: all for the programme, its own for an association. */
export async function listAssociations(db: DbOrTx, scope: Scope): Promise<AssociationRow[]> {
  const query = db.select().from(associations);
  const scoped =
    scope.kind === 'association' ? query.where(eq(associations.id, scope.associationId)) : query;
  return scoped.orderBy(asc(associations.name));
}

/**
 * One association, or undefined when it does not exist or lies outside the scope (the caller
 * answers both alike). `forUpdate` locks the row so the audited "before" is what was replaced.
 */
export async function findAssociation(
  db: DbOrTx,
  scope: Scope,
  id: string,
  forUpdate = false,
): Promise<AssociationRow | undefined> {
  if (scope.kind === 'association' && scope.associationId !== id) return undefined;
  const query = db.select().from(associations).where(eq(associations.id, id));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

export async function findByShortName(
  db: DbOrTx,
  shortName: string,
): Promise<AssociationRow | undefined> {
  const [row] = await db.select().from(associations).where(eq(associations.shortName, shortName));
  return row;
}

/** A new association of the (one) programme. */
export async function insertAssociation(
  db: DbOrTx,
  fields: AssociationFields,
): Promise<AssociationRow> {
  const [row] = await db
    .insert(associations)
    .values({ ...fields, programmeId: DEFAULT_PROGRAMME_ID })
    .returning();
  return row!;
}

/** Replaces an association's settings; the caller has found it within its scope first. */
export async function updateAssociation(
  db: DbOrTx,
  scope: Scope,
  id: string,
  fields: AssociationFields,
): Promise<AssociationRow | undefined> {
  if (scope.kind === 'association' && scope.associationId !== id) return undefined;
  const [row] = await db
    .update(associations)
    .set(fields)
    .where(eq(associations.id, id))
    .returning();
  return row;
}
