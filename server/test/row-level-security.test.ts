import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  associationScope,
  programmeScope,
  withinScope,
  type Scope,
} from '../src/db/association-scope.js';
import {
  associations,
  attempts,
  DEFAULT_ASSOCIATION_ID,
  DEFAULT_PROGRAMME_ID,
  enrolments,
  sittings,
} from '../src/db/schema/index.js';
import { sitPartOne } from './helpers/analysis-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The second wall: inside withinScope for association B, PostgreSQL itself hides association A's
 * rows and refuses writes into A, even from a query that names no association at all. Runs on
 * PGlite and on PostgreSQL (TEST_DATABASE_URL), whichever the tier uses.
 */
let t: TestApp;
let otherId: string;

beforeAll(async () => {
  t = await createTestApp();
  await sitPartOne(t.app, t.database.db, 'candidate@demo.test', () => 'key');
  const [other] = await t.database.db
    .insert(associations)
    .values({
      programmeId: DEFAULT_PROGRAMME_ID,
      name: 'Other association',
      shortName: 'OTHER',
      contactEmail: 'office@other.test',
    })
    .returning({ id: associations.id });
  otherId = other!.id;
}, 120_000);
afterAll(() => t.close());

async function count(table: string, scope: Scope = associationScope(otherId)): Promise<number> {
  return withinScope(t.database.db, scope, async (tx) => {
    const result = await tx.execute<{ n: number }>(
      sql.raw(`select count(*)::int as n from "${table}"`),
    );
    return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
  });
}

/** drizzle wraps the driver's error; PostgreSQL's own words are in its cause. */
function refusedByPolicy(error: unknown): boolean {
  const cause = (error as { cause?: { message?: string } }).cause;
  return /row-level security/.test(cause?.message ?? String(error));
}

describe('row-level security per association', () => {
  it('hides every association-owned row of A from B, through sittings, enrolments and attempts', async () => {
    for (const table of [
      'sittings',
      'enrolments',
      'sitting_proctors',
      'attempts',
      'attempt_parts',
      'answers',
      'clock_events',
      'exam_results',
      'association_members',
      'scoring_corrections',
      'grading_items',
      'grading_assignments',
      'device_keys',
      'result_letters',
    ]) {
      expect({ table, rows: await count(table) }).toEqual({ table, rows: 0 });
    }
  });

  it('shows A its own rows, and the programme everything', async () => {
    const own = associationScope(DEFAULT_ASSOCIATION_ID);
    expect(await count('sittings', own)).toBeGreaterThan(0);
    expect(await count('answers', own)).toBeGreaterThan(0);
    expect(await count('answers', programmeScope)).toBe(await count('answers', own));
  });

  it("refuses B's writes into A's rows and a sitting claimed for A", async () => {
    const scopeB = associationScope(otherId);
    const updated = await withinScope(t.database.db, scopeB, (tx) =>
      tx.update(sittings).set({ name: 'Taken over' }).returning({ id: sittings.id }),
    );
    expect(updated).toEqual([]);
    const deleted = await withinScope(t.database.db, scopeB, (tx) =>
      tx.delete(attempts).returning({ id: attempts.id }),
    );
    expect(deleted).toEqual([]);
    await expect(
      withinScope(t.database.db, scopeB, (tx) =>
        tx.insert(sittings).values({ associationId: DEFAULT_ASSOCIATION_ID, name: 'Planted' }),
      ),
    ).rejects.toSatisfy(refusedByPolicy);
    const [enrolment] = await t.database.db.select().from(enrolments).limit(1);
    await expect(
      withinScope(t.database.db, scopeB, (tx) =>
        tx.insert(enrolments).values({ ...enrolment!, id: undefined as never }),
      ),
    ).rejects.toSatisfy(refusedByPolicy);
  });

  it('leaves the connection as it was: the role and setting end with the transaction', async () => {
    await count('sittings');
    const result = await t.database.db.execute<{ who: string; acting: string | null }>(
      sql`select current_user as who, nullif(current_setting('app.association_id', true), '') as acting`,
    );
    const row = (result as unknown as { rows: { who: string; acting: string | null }[] }).rows[0]!;
    expect(row.who).not.toBe('exam_association_scope');
    expect(row.acting).toBeNull();
  });
});
