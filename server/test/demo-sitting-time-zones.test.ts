import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sittings } from '../src/db/schema/index.js';
import { demoAssociations } from '../src/seed/demo-people.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Every demo sitting keeps its association's time zone: the practice sitting was seeded without
 * one, so Michigan's proctor and candidates read its start in UTC instead of Detroit time.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the demo sittings', () => {
  it('each keep the time zone of the association that runs them', async () => {
    const zoneOf = new Map<string, string>(
      Object.values(demoAssociations).map((a) => [a.id, a.timeZone]),
    );
    const seeded = await t.database.db
      .select({
        name: sittings.name,
        associationId: sittings.associationId,
        timeZone: sittings.timeZone,
      })
      .from(sittings);
    expect(seeded.length).toBeGreaterThan(0);
    for (const sitting of seeded) {
      expect({ name: sitting.name, timeZone: sitting.timeZone }).toEqual({
        name: sitting.name,
        timeZone: zoneOf.get(sitting.associationId),
      });
    }
  });
});
