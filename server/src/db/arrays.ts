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
