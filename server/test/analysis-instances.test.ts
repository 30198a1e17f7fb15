import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisRuns } from '../src/db/schema/index.js';
import { sitPartOne, type PlannedAnswer } from './helpers/analysis-fixture.js';
import { createTwoInstances, type TwoInstances } from './helpers/two-instances.js';

/**
 * Automatic item analysis with two instances on one database: each stores a run after the Part
 * Ones closed on it, and a scope due on both (both caught up at start) is stored once, by one.
 */
let t: TwoInstances;
const allKeyed = (): PlannedAnswer => 'key';

beforeAll(async () => {
  t = await createTwoInstances();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** The automatic runs of the one form and sitting sat here (the demo's IMH-E form), oldest first. */
async function runsOfScope() {
  const [first] = await t.database.db.select().from(analysisRuns).limit(1);
  if (!first) return [];
  return t.database.db
    .select()
    .from(analysisRuns)
    .where(and(eq(analysisRuns.formId, first.formId), eq(analysisRuns.sittingId, first.sittingId)))
    .orderBy(asc(analysisRuns.computedAt));
}

const idle = () =>
  Promise.all([t.a.itemAnalysis.auto.idle(), t.b.itemAnalysis.auto.idle()]).then(() => undefined);

describe('automatic item analysis across instances', () => {
  it('stores a run after each close, on the instance that closed it, the last one covering every close', async () => {
    await sitPartOne(t.a, t.database.db, 'candidate@demo.test', allKeyed);
    await idle();
    t.clock.advance(60_000);
    await sitPartOne(t.b, t.database.db, 'mentor.research@demo.test', allKeyed);
    await idle();
    const runs = await runsOfScope();
    expect(runs.map((r) => r.candidates)).toEqual([1, 2]);
  });

  it('stores a close no worker reached once when both instances catch it up at the same start', async () => {
    await idle();
    await t.database.db.delete(analysisRuns);
    const autos = [t.a.itemAnalysis.auto, t.b.itemAnalysis.auto];
    for (const auto of autos) auto.stop();
    // Both instances start together (a deployment rolled out): each finds the scope due.
    await Promise.all(autos.map((auto) => auto.start()));
    await idle();
    const runs = await runsOfScope();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'part_one_closed', candidates: 2 });
  });
});
