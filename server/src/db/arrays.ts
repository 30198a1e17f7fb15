import { sql, type SQL } from 'drizzle-orm';

type Element = string | number | boolean | Date | null;

/**
 * A PostgreSQL array literal of these values, each element quoted (a quote or backslash inside
 * escaped), null as NULL: one parameter however many rows. A batch insert built by drizzle
 * makes a parameter per column per row and checks each; under issue 23's start spike building
 * and binding those was about a tenth of the server's CPU. As text, for a prepared statement's
 * placeholder (`= any(${sql.placeholder('ids')}::uuid[])`).
 */
export function arrayLiteral(values: readonly Element[]): string {
  const elements = values.map((value) => {
    if (value === null) return 'NULL';
    const text = value instanceof Date ? value.toISOString() : String(value);
    return `"${text.replace(/[\\"]/g, '\\$&')}"`;
  });
  return `{${elements.join(',')}}`;
}

/**
 * arrayLiteral as a parameter of a query: cast it where it is used (`${arrayOf(ids)}::uuid[]`)
 * and take the rows apart with unnest.
 */
export const arrayOf = (values: readonly Element[]): SQL => sql`${arrayLiteral(values)}`;

/** JSON values as an array of their text, for `::jsonb[]` (undefined and null as SQL NULL). */
export const jsonArrayOf = (values: readonly unknown[]): SQL =>
  arrayOf(
    values.map((value) => (value === undefined || value === null ? null : JSON.stringify(value))),
  );

/** One column of a batch's rows, undefined as null: what arrayOf takes. */
export const columnOf = <Row, K extends keyof Row>(rows: readonly Row[], key: K) =>
  rows.map((row) => row[key] ?? null);

/** The element types a batch's column is sent as (one array parameter each). */
export type PgArrayType =
  | 'uuid'
  | 'text'
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'boolean'
  | 'timestamptz'
  | 'double precision'
  | 'jsonb';

/**
 * `unnest($1::uuid[], $2::text[], ...)`: a batch's rows taken apart again in PostgreSQL, one
 * array parameter per column, in the order given (the FROM of a batched insert or update; add
 * `WITH ORDINALITY AS t(...)` to keep the batch's order). A jsonb column goes as its JSON text.
 */
export function unnestOf<Row>(
  rows: readonly Row[],
  columns: readonly (readonly [keyof Row, PgArrayType])[],
): SQL {
  const arrays = columns.map(([key, pgType]) => {
    const values = columnOf(rows, key);
    const array = pgType === 'jsonb' ? jsonArrayOf(values) : arrayOf(values as readonly Element[]);
    return sql`${array}::${sql.raw(pgType)}[]`;
  });
  return sql`unnest(${sql.join(arrays, sql`, `)})`;
}
