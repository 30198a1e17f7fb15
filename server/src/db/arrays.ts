import { sql, type SQL } from 'drizzle-orm';

/**
 * A PostgreSQL array literal of these values, each element quoted (a quote or backslash inside
 * escaped), null as NULL: one parameter however many rows. A batch insert built by drizzle
 * makes a parameter per column per row and checks each; under issue 23's start spike building
 * and binding those was about a tenth of the server's CPU. Cast it where it is used
 * (`${arrayOf(ids)}::uuid[]`) and take the rows apart with unnest.
 */
export function arrayOf(values: readonly (string | number | boolean | Date | null)[]): SQL {
  const elements = values.map((value) => {
    if (value === null) return 'NULL';
    const text = value instanceof Date ? value.toISOString() : String(value);
    return `"${text.replace(/[\\"]/g, '\\$&')}"`;
  });
  return sql`${`{${elements.join(',')}}`}`;
}

/** JSON values as an array of their text, for `::jsonb[]` (undefined and null as SQL NULL). */
export const jsonArrayOf = (values: readonly unknown[]): SQL =>
  arrayOf(
    values.map((value) => (value === undefined || value === null ? null : JSON.stringify(value))),
  );
