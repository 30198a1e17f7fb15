import { asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { vignetteSets, vignettes } from '../../db/schema/vignettes.js';

export type VignetteSetRow = typeof vignetteSets.$inferSelect;
export type VignetteRow = typeof vignettes.$inferSelect;

export function findSets(db: DbOrTx, ids: readonly string[]): Promise<VignetteSetRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(vignetteSets)
    .where(inArray(vignetteSets.id, [...ids]));
}

export async function findSet(db: DbOrTx, id: string): Promise<VignetteSetRow | undefined> {
  const rows = await db.select().from(vignetteSets).where(eq(vignetteSets.id, id));
  return rows[0];
}

export function listSets(db: DbOrTx): Promise<VignetteSetRow[]> {
  return db.select().from(vignetteSets).orderBy(asc(vignetteSets.title));
}

export function vignettesOf(db: DbOrTx, setId: string): Promise<VignetteRow[]> {
  return db
    .select()
    .from(vignettes)
    .where(eq(vignettes.setId, setId))
    .orderBy(asc(vignettes.position));
}

export async function insertSet(
  db: DbOrTx,
  set: typeof vignetteSets.$inferInsert,
  items: Omit<typeof vignettes.$inferInsert, 'setId'>[],
): Promise<VignetteSetRow> {
  const [row] = await db.insert(vignetteSets).values(set).returning();
  if (!row) throw new Error('vignette set was not inserted');
  if (items.length > 0)
    await db.insert(vignettes).values(items.map((v) => ({ ...v, setId: row.id })));
  return row;
}

/** Locks the set's row so edits and retirement serialise. */
export async function lockSet(db: DbOrTx, id: string): Promise<VignetteSetRow | undefined> {
  const rows = await db.select().from(vignetteSets).where(eq(vignetteSets.id, id)).for('update');
  return rows[0];
}

export async function updateSet(
  db: DbOrTx,
  id: string,
  values: Partial<typeof vignetteSets.$inferInsert>,
): Promise<void> {
  await db.update(vignetteSets).set(values).where(eq(vignetteSets.id, id));
}

/** Replaces the set's vignettes wholesale (only for sets no candidate has seen). */
export async function replaceVignettes(
  db: DbOrTx,
  setId: string,
  items: Omit<typeof vignettes.$inferInsert, 'setId'>[],
): Promise<void> {
  await db.delete(vignettes).where(eq(vignettes.setId, setId));
  if (items.length > 0) await db.insert(vignettes).values(items.map((v) => ({ ...v, setId })));
}

export async function vignetteCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ setId: vignettes.setId, n: count() })
    .from(vignettes)
    .groupBy(vignettes.setId);
  return new Map(rows.map((r) => [r.setId, Number(r.n)]));
}
