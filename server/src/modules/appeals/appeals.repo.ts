import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associationInScope } from '../../db/scope-filters.js';
import { appeals, appealSettings } from '../../db/schema/appeals.js';

export type AppealRow = typeof appeals.$inferSelect;
export type AppealSettingsRow = typeof appealSettings.$inferSelect;

/** The association filter every query of appeals carries (the programme sees all). */
function inScope(scope: Scope): SQL | undefined {
  return associationInScope(scope, appeals.associationId);
}

export function listAppeals(db: DbOrTx, scope: Scope, sittingId?: string): Promise<AppealRow[]> {
  return db
    .select()
    .from(appeals)
    .where(and(inScope(scope), sittingId ? eq(appeals.sittingId, sittingId) : undefined))
    .orderBy(desc(appeals.requestedAt));
}

/** One appeal within the scope, locked when `lock` (a transition reads and writes it). */
export async function findAppeal(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock = false,
): Promise<AppealRow | undefined> {
  const query = db
    .select()
    .from(appeals)
    .where(and(eq(appeals.id, id), inScope(scope)));
  const rows = lock ? await query.for('update') : await query;
  return rows[0];
}

/** A candidate's own appeals, newest first. */
export function appealsOfCandidate(db: DbOrTx, candidateId: string): Promise<AppealRow[]> {
  return db
    .select()
    .from(appeals)
    .where(eq(appeals.candidateId, candidateId))
    .orderBy(desc(appeals.requestedAt));
}

/** Inserts a request; undefined when an open appeal of the result already exists. */
export async function insertAppeal(
  tx: DbOrTx,
  row: typeof appeals.$inferInsert,
): Promise<AppealRow | undefined> {
  const [saved] = await tx.insert(appeals).values(row).onConflictDoNothing().returning();
  return saved;
}

export async function updateAppeal(
  tx: DbOrTx,
  id: string,
  change: Partial<typeof appeals.$inferInsert>,
): Promise<void> {
  await tx.update(appeals).set(change).where(eq(appeals.id, id));
}

/** Appeals per association, for the programme's overview. */
export async function countsByAssociation(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ associationId: appeals.associationId, n: sql<number>`count(*)` })
    .from(appeals)
    .groupBy(appeals.associationId);
  return new Map(rows.map((r) => [r.associationId, Number(r.n)]));
}

export async function settingsOf(
  db: DbOrTx,
  associationIds: readonly string[],
): Promise<Map<string, AppealSettingsRow>> {
  if (associationIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(appealSettings)
    .where(inArray(appealSettings.associationId, [...associationIds]));
  return new Map(rows.map((r) => [r.associationId, r]));
}

export async function saveSettings(tx: DbOrTx, row: typeof appealSettings.$inferInsert) {
  await tx
    .insert(appealSettings)
    .values(row)
    .onConflictDoUpdate({ target: appealSettings.associationId, set: row });
}

/** Accepted appeals that include Part Two, in every association (background retries). */
export function acceptedWithPartTwo(db: DbOrTx, scope: Scope): Promise<AppealRow[]> {
  return db
    .select()
    .from(appeals)
    .where(and(inScope(scope), eq(appeals.status, 'accepted'), sql`'two' = ANY(${appeals.parts})`))
    .orderBy(appeals.statusSince);
}
