import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockEvents, instanceHeartbeats, serverHeartbeat, users } from '../src/db/schema/index.js';
import { createSweeper } from '../src/modules/delivery/index.js';
import { fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// Issue 16: only the leader credits outages and closes parts; every instance beats, and an
// outage is what nobody beat through.
const form = fixedForm();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ forms: form.source });
  await seedOpenSitting(t.database.db, { formId: form.formId, emails: ['candidate@demo.test'] });
  const [user] = await t.database.db
    .select()
    .from(users)
    .where(eq(users.email, 'candidate@demo.test'));
  const context = await t.app.exam.delivery.openForCandidate(user!.id);
  await t.app.exam.delivery.startPart(context, 1, user!.id);
});
afterAll(async () => t.close());

const fence = async () => undefined;
function instance(id: string, leader: boolean) {
  return createSweeper({
    db: t.database.db,
    clock: t.clock,
    delivery: t.app.exam.delivery,
    graceMs: 5000,
    outageThresholdMs: 10_000,
    leadership: { isLeader: () => leader, fence },
    instanceId: id,
  });
}

async function credits(): Promise<number> {
  const rows = await t.database.db.select().from(clockEvents).where(eq(clockEvents.type, 'extend'));
  return rows.filter((row) => row.reason?.startsWith('server outage credit')).length;
}

async function beatOf(id: string): Promise<number | undefined> {
  const [row] = await t.database.db
    .select()
    .from(instanceHeartbeats)
    .where(eq(instanceHeartbeats.instanceId, id));
  return row?.beatAt.getTime();
}

describe('the sweeper across instances', () => {
  it('credits nothing when the leader died while another instance kept beating', async () => {
    let leads = false;
    const serving = createSweeper({
      db: t.database.db,
      clock: t.clock,
      delivery: t.app.exam.delivery,
      graceMs: 5000,
      outageThresholdMs: 10_000,
      leadership: { isLeader: () => leads, fence },
      instanceId: 'serving',
    });
    // The leader's last check was now; it dies, and "serving" beats every second for 30 s.
    await t.database.db.update(serverHeartbeat).set({ lastBeatAt: t.clock.now() });
    for (let second = 0; second < 30; second += 1) {
      t.clock.advance(1000);
      await serving.tick();
    }
    leads = true;
    await serving.tick();
    // A new instance starting now sees the beats too, and beats.
    await instance('starting', false).tick();
    expect(await beatOf('starting')).toBe(t.clock.now().getTime());
    // Nor does a fresh process that leads from its first tick (a leader died, "serving" went on
    // beating as a follower for 30 s, and a restarted process took the lead): the gap runs
    // from the last beat of any instance, not from this process's own.
    leads = false;
    for (let second = 0; second < 30; second += 1) {
      t.clock.advance(1000);
      await serving.tick();
    }
    t.clock.advance(1000);
    await instance('restarted-leader', true).tick();
    expect(await beatOf('restarted-leader')).toBe(t.clock.now().getTime());
    expect(await credits()).toBe(0);
  });

  it('leaves an outage nobody beat through to the leader, which credits it once', async () => {
    const before = await credits();
    t.clock.advance(40_000);
    // A follower back first does not beat over the gap: the leader must still see it.
    await instance('follower', false).tick();
    expect(await beatOf('follower')).toBeUndefined();
    await instance('leader', true).tick();
    expect(await credits()).toBe(before + 1);
    expect(await beatOf('leader')).toBe(t.clock.now().getTime());
    // Now the follower beats, and nobody credits again.
    await instance('follower', false).tick();
    expect(await beatOf('follower')).toBe(t.clock.now().getTime());
    await instance('leader-2', true).tick();
    expect(await credits()).toBe(before + 1);
  });
});
