import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Scope } from './association-scope.js';

/**
 * The scope filter for a table that reaches its association through a `sitting_id`, for a module
 * that does not own the sittings table and so cannot import it: the same subquery the row-level
 * security policies of migration 0021 use. Undefined (no filter) for the programme.
 */
export function sittingInScope(sittingId: AnyColumn, scope: Scope): SQL | undefined {
  if (scope.kind === 'programme') return undefined;
  return sql`${sittingId} in (select "id" from "sittings" where "association_id" = ${scope.associationId})`;
}
