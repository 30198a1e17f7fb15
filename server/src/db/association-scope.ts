import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.js';

/**
 * Whose data a query may touch. Every repository function over association-owned tables takes
 * one as a required argument (never an optional filter): an association's people see only that
 * association's rows; the programme (administrators, the grading pool, background jobs) sees all.
 */
export type Scope = AssociationScope | ProgrammeScope;
export interface AssociationScope {
  readonly kind: 'association';
  readonly associationId: string;
}
export interface ProgrammeScope {
  readonly kind: 'programme';
}

export const programmeScope: ProgrammeScope = { kind: 'programme' };

export function associationScope(associationId: string): AssociationScope {
  return { kind: 'association', associationId };
}

/** The association a scope is limited to, or undefined for the programme (no limit). */
export function associationIdOf(scope: Scope): string | undefined {
  return scope.kind === 'association' ? scope.associationId : undefined;
}

/**
 * Whether the scope reaches a row of this association: the check a repository makes before it
 * writes a row that names its association, so nothing is written outside the caller's own.
 */
export function scopeReaches(scope: Scope, associationId: string): boolean {
  return scope.kind === 'programme' || scope.associationId === associationId;
}

/** The role migration 0021 creates; its row-level security policies read app.association_id. */
const SCOPED_ROLE = 'exam_association_scope';

/**
 * Runs `work` in one transaction behind the second wall: for an association scope, as the
 * restricted role with `app.association_id` set for this transaction only, so PostgreSQL's
 * row-level security refuses any row of another association even if a query forgot its filter.
 * A programme scope runs as the connecting role (no policies apply), as the programme must.
 */
export async function withinScope<T>(
  db: Db,
  scope: Scope,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    if (scope.kind === 'association') {
      await tx.execute(sql`select set_config('app.association_id', ${scope.associationId}, true)`);
      await tx.execute(sql.raw(`set local role ${SCOPED_ROLE}`));
    }
    return work(tx);
  });
}
