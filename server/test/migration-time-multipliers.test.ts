import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateProfiles, users } from '../src/db/schema/index.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

// Migration 0041: multipliers stored from a percentage before rounding (1.1400000000000001)
// become the two decimals the form and server take, so saving such a candidate's
// accommodations is not refused for a field the coordinator left alone.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const migration = new URL('../../migrations/0041_round_time_multipliers.sql', import.meta.url);

describe('rounding stored time multipliers', () => {
  it('rounds a float-artefact multiplier to two decimals and leaves exact ones alone', async () => {
    const { db } = t.database;
    const stored = [1.1400000000000001, 1.5, 1.33, 1];
    const ids: string[] = [];
    for (const [index, timeMultiplier] of stored.entries()) {
      const [user] = await db
        .insert(users)
        .values({
          email: `m${index}@example.test`,
          displayName: `M ${index}`,
          passwordHash: 'x',
          roles: [],
        })
        .returning({ id: users.id });
      ids.push(user!.id);
      await db.insert(candidateProfiles).values({
        userId: user!.id,
        endorsement: 'specialist',
        category: 'infant-family',
        timeMultiplier,
      });
    }
    expect(1.1400000000000001).not.toBe(1.14);

    await db.execute(sql.raw(await readFile(migration, 'utf8')));

    const after = [];
    for (const id of ids) {
      const [row] = await db
        .select()
        .from(candidateProfiles)
        .where(eq(candidateProfiles.userId, id));
      after.push(row!.timeMultiplier);
    }
    expect(after).toEqual([1.14, 1.5, 1.33, 1]);
  });
});
