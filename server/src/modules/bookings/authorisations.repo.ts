import { and, asc, eq, gte, inArray, lte, not, sql } from 'drizzle-orm';
import type { Scope } from '../../db/association-scope.js';
import type { DbOrTx } from '../../db/client.js';
import { associationInScope } from '../../db/scope-filters.js';
import { authorisations, bookingSettings } from '../../db/schema/bookings.js';

export type AuthorisationRow = typeof authorisations.$inferSelect;
export type BookingSettingsRow = typeof bookingSettings.$inferSelect;

function inScope(scope: Scope) {
  return associationInScope(scope, authorisations.associationId);
}

export function listAuthorisations(db: DbOrTx, scope: Scope): Promise<AuthorisationRow[]> {
  return db
    .select()
    .from(authorisations)
    .where(inScope(scope))
    .orderBy(asc(authorisations.expiresAt));
}

export function authorisationsOfCandidate(
  db: DbOrTx,
  scope: Scope,
  candidateId: string,
): Promise<AuthorisationRow[]> {
  return db
    .select()
    .from(authorisations)
    .where(and(inScope(scope), eq(authorisations.candidateId, candidateId)))
    .orderBy(asc(authorisations.expiresAt));
}

// Serialises an association's grants by import or by hand: two at once would both find nothing
// held yet and both grant; the second now waits and finds the first's authorisation.
const AUTHORISATION_GRANT_LOCK = 7_301_119;

/** Takes the association's authorisation grant lock for the rest of the transaction. */
export async function lockGrants(tx: DbOrTx, associationId: string): Promise<void> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(${AUTHORISATION_GRANT_LOCK}, hashtext(${associationId}))`,
  );
}

/**
 * The authorisations the association holds for these candidates that are not spent (the
 * repeat check of an import and of a grant by hand). One a candidate has sat on (its booking kept its seat and the exam was
 * started) books nothing more, so a new approval with the same effect, say after a failed
 * attempt, is a new grant, not a repeat.
 */
export async function authorisationsOfCandidates(
  db: DbOrTx,
  scope: Scope,
  candidateIds: readonly (string | null)[],
): Promise<AuthorisationRow[]> {
  const ids = candidateIds.filter((id) => id !== null);
  if (ids.length === 0) return [];
  const spent = sql`exists (select 1 from bookings b join attempts t on t.enrolment_id = b.enrolment_id
    where b.authorisation_id = ${authorisations.id} and b.status = 'booked')`;
  return db
    .select()
    .from(authorisations)
    .where(and(inScope(scope), inArray(authorisations.candidateId, ids), not(spent)));
}

export async function findAuthorisation(
  db: DbOrTx,
  scope: Scope,
  id: string,
  lock = false,
): Promise<AuthorisationRow | undefined> {
  const query = db
    .select()
    .from(authorisations)
    .where(and(eq(authorisations.id, id), inScope(scope)));
  const rows = lock ? await query.for('update') : await query;
  return rows[0];
}

export async function insertAuthorisations(
  tx: DbOrTx,
  rows: (typeof authorisations.$inferInsert)[],
): Promise<AuthorisationRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(authorisations).values(rows).returning();
}

export async function setExpiry(
  tx: DbOrTx,
  scope: Scope,
  id: string,
  expiresAt: Date,
): Promise<void> {
  await tx
    .update(authorisations)
    .set({ expiresAt })
    .where(and(eq(authorisations.id, id), inScope(scope)));
}

/** Authorisations of every association lapsing in [from, to]: the reminder sweep's work. */
export function expiringBetween(db: DbOrTx, from: Date, to: Date): Promise<AuthorisationRow[]> {
  return db
    .select()
    .from(authorisations)
    .where(and(gte(authorisations.expiresAt, from), lte(authorisations.expiresAt, to)));
}

export async function settingsOf(
  db: DbOrTx,
  associationIds: readonly string[],
): Promise<Map<string, BookingSettingsRow>> {
  if (associationIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(bookingSettings)
    .where(inArray(bookingSettings.associationId, [...associationIds]));
  return new Map(rows.map((r) => [r.associationId, r]));
}

export async function saveSettings(tx: DbOrTx, row: typeof bookingSettings.$inferInsert) {
  await tx
    .insert(bookingSettings)
    .values(row)
    .onConflictDoUpdate({ target: bookingSettings.associationId, set: row });
}
