import { eq, sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import { arrayOf } from './arrays.js';
import { associationIdOf, type Scope } from './association-scope.js';
import { queryRows, type DbOrTx } from './client.js';

/*
 * The first wall of association scope, as SQL conditions a repository adds to its own query.
 * A table that names its association is filtered on that column; other association-owned rows
 * hang off a sitting (directly, through an enrolment, or through an attempt), and only the
 * sitting names its association; those conditions follow that chain by subquery so a module can
 * filter its own tables without importing another module's. Each returns undefined for the
 * programme scope, which `and(...)` drops: no filter.
 */

/** The row's own association column names the scope's association. */
export function associationInScope(scope: Scope, associationId: Column): SQL | undefined {
  const scoped = associationIdOf(scope);
  return scoped === undefined ? undefined : eq(associationId, scoped);
}

/** The sitting id expression names a sitting of the scope's association. */
export function sittingInScope(scope: Scope, sittingId: SQLWrapper): SQL | undefined {
  const associationId = associationIdOf(scope);
  if (associationId === undefined) return undefined;
  return sql`${sittingId} in (select s.id from sittings s where s.association_id = ${associationId})`;
}

/** The enrolment id expression names an enrolment on a sitting of the scope's association. */
export function enrolmentInScope(scope: Scope, enrolmentId: SQLWrapper): SQL | undefined {
  const associationId = associationIdOf(scope);
  if (associationId === undefined) return undefined;
  return sql`${enrolmentId} in (select e.id from enrolments e
    join sittings s on s.id = e.sitting_id where s.association_id = ${associationId})`;
}

/** The attempt id expression names an attempt on a sitting of the scope's association. */
export function attemptInScope(scope: Scope, attemptId: SQLWrapper): SQL | undefined {
  const associationId = associationIdOf(scope);
  if (associationId === undefined) return undefined;
  return sql`${attemptId} in (select a.id from attempts a join enrolments e on e.id = a.enrolment_id
    join sittings s on s.id = e.sitting_id where s.association_id = ${associationId})`;
}

type Owner = 'sitting' | 'enrolment' | 'attempt';
const conditionFor = {
  sitting: sittingInScope,
  enrolment: enrolmentInScope,
  attempt: attemptInScope,
};

/**
 * Whether one sitting, enrolment or attempt lies within the scope: the check a service makes
 * before it reads or changes anything reached by id, so another association's object answers
 * exactly like a missing one. An id that does not exist is not within any association scope.
 */
export async function isWithinScope(
  db: DbOrTx,
  scope: Scope,
  owner: Owner,
  id: string,
): Promise<boolean> {
  const condition = conditionFor[owner](scope, sql`${id}::uuid`);
  if (!condition) return true;
  const rows = await queryRows(db, sql`select 1 as found where ${condition}`);
  return rows.length > 0;
}

/** The ids among `ids` that lie within the scope (all of them for the programme). */
export async function idsWithinScope(
  db: DbOrTx,
  scope: Scope,
  owner: Owner,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0 || scope.kind === 'programme') return new Set(ids);
  const condition = conditionFor[owner](scope, sql.raw('wanted.id'));
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select wanted.id::text as id
      from unnest(${arrayOf(ids)}::uuid[]) as wanted(id) where ${condition}`,
  );
  return new Set(rows.map((row) => row.id));
}
