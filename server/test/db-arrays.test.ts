import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayOf, jsonArrayOf } from '../src/db/arrays.js';
import { queryRows } from '../src/db/client.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('array parameters (one per column, taken apart with unnest)', () => {
  it('bring back every text as given: quotes, backslashes, commas, braces, "NULL", empty', async () => {
    const texts = [
      'plain',
      'a "quoted" word',
      'back\\slash',
      'a,b',
      '{braces}',
      'NULL',
      '',
      'é ☃ 𝄞',
      null,
    ];
    const rows = await queryRows<{ value: string | null; n: string | number }>(
      t.database.db,
      sql`SELECT value, n FROM unnest(${arrayOf(texts)}::text[]) WITH ORDINALITY AS t(value, n) ORDER BY n`,
    );
    expect(rows.map((row) => row.value)).toEqual(texts);
  });

  it('carry times to the millisecond, numbers, and JSON with nested quotes', async () => {
    const at = [new Date('2026-12-06T08:00:00.123Z'), new Date('2027-01-01T00:00:00.001Z')];
    const details = [{ say: 'he said "hi"\\n', list: [1, { a: null }] }, null];
    const rows = await queryRows<{ at: string | Date; ms: number | null; details: unknown }>(
      t.database.db,
      sql`SELECT at, ms, details FROM unnest(${arrayOf(at)}::timestamptz[],
        ${arrayOf([5, null])}::integer[], ${jsonArrayOf(details)}::jsonb[])
        WITH ORDINALITY AS t(at, ms, details, n) ORDER BY n`,
    );
    expect(rows.map((row) => new Date(row.at).toISOString())).toEqual(
      at.map((d) => d.toISOString()),
    );
    expect(rows.map((row) => row.ms)).toEqual([5, null]);
    expect(rows.map((row) => row.details)).toEqual(details);
  });
});
