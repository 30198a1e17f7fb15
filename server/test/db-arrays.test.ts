import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayOf, jsonArrayOf, unnestOf } from '../src/db/arrays.js';
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

interface Row {
  id: string;
  label: string | null;
  count?: number;
  share: number;
  at: Date | null;
  done: boolean;
  details: unknown;
}

const rows: Row[] = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    label: 'say "hi", {then} \\ leave',
    count: 3,
    share: 0.25,
    at: new Date('2026-12-06T10:00:00.123Z'),
    done: true,
    details: { quote: '"', list: [1, 'two'] },
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    label: 'NULL',
    share: 1.5,
    at: null,
    done: false,
    details: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    label: null,
    count: 0,
    share: -2,
    at: new Date('2026-01-01T00:00:00.000Z'),
    done: false,
    details: 'plain text',
  },
];

describe('unnestOf (a batch, one array parameter per column)', () => {
  it('gives back every row as sent, in order, nulls as NULL', async () => {
    const back = await queryRows<{
      id: string;
      label: string | null;
      count: number | null;
      share: number;
      at: string | Date | null;
      done: boolean;
      details: unknown;
    }>(
      t.database.db,
      sql`SELECT id::text, label, count, share, at, done, details FROM ${unnestOf(rows, [
        ['id', 'uuid'],
        ['label', 'text'],
        ['count', 'integer'],
        ['share', 'double precision'],
        ['at', 'timestamptz'],
        ['done', 'boolean'],
        ['details', 'jsonb'],
      ])} WITH ORDINALITY AS t(id, label, count, share, at, done, details, n) ORDER BY n`,
    );
    expect(
      back.map((row) => ({
        ...row,
        share: Number(row.share),
        at: row.at === null ? null : new Date(row.at).toISOString(),
      })),
    ).toEqual(
      rows.map((row) => ({
        id: row.id,
        label: row.label,
        count: row.count ?? null,
        share: row.share,
        at: row.at?.toISOString() ?? null,
        done: row.done,
        details: row.details,
      })),
    );
  });

  it('takes an empty batch as no rows', async () => {
    const back = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM ${unnestOf([] as Row[], [['id', 'uuid']])} AS t(id)`,
    );
    expect(back).toEqual([]);
  });
});
