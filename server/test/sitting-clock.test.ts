import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enrolments, sittings, users } from '../src/db/schema/index.js';
import { DEMO_LOBBY_CANDIDATE } from '../src/seed/demo-sitting.js';
import { apiAs } from './helpers/coordinator.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let coSittingId: string;
let miSittingId: string;

beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.database.db.select().from(sittings);
  coSittingId = rows.find((r) => r.status === 'scheduled')!.id;
  miSittingId = rows.find((r) => r.status === 'open')!.id;
});
afterAll(() => t.close());

/** Signed in at the clock's current time (moving it days ahead ends older sessions). */
async function as(email: string) {
  return apiAs(t.app, await loginAs(t.app, email));
}

async function statusOf(id: string): Promise<string> {
  const [row] = await t.database.db.select().from(sittings).where(eq(sittings.id, id));
  return row!.status;
}

async function audits(subjectId: string) {
  return t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, subjectId));
}

describe('a candidate arriving after the late cutoff', () => {
  it("refuses another association's sitting as not found", async () => {
    const co = await as('coordinator@co.demo.test');
    const other = await co.post(`/api/sittings/${miSittingId}/clock`, {
      action: 'close',
      reason: 'Not ours to close',
    });
    expect(other.status).toBe(404);
    expect(await statusOf(miSittingId)).toBe('open');
  });

  it('is admitted only by a proctor who gives a reason, audited', async () => {
    const miProctor = await as('proctor@demo.test');
    const { body } = await miProctor.get(`/api/sittings/${miSittingId}/clock`);
    const [candidate] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, DEMO_LOBBY_CANDIDATE));
    const [enrolment] = await t.database.db
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(and(eq(enrolments.sittingId, miSittingId), eq(enrolments.candidateId, candidate!.id)));
    t.clock.set(Date.parse(body.clock.lateCutoffAt) + 1);
    const url = `/api/proctoring/enrolments/${enrolment!.id}/admit`;
    const refused = await miProctor.post(url, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LATE_ARRIVAL');
    const admitted = await miProctor.post(url, { reason: 'Train delayed; ID checked' });
    expect(admitted.status).toBe(200);
    const entry = (await audits(enrolment!.id)).find((a) => a.action === 'candidate.admitted');
    expect(entry?.details).toMatchObject({ late: true, reason: 'Train delayed; ID checked' });
  });

  it('lets a coordinator close the sitting early with a reason, audited as an override', async () => {
    const miCoordinator = await as('coordinator@demo.test');
    const closed = await miCoordinator.post(`/api/sittings/${miSittingId}/clock`, {
      action: 'close',
      reason: 'Everyone has finished',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.clock.status).toBe('closed');
    const moved = (await audits(miSittingId)).find((a) => a.action === 'sitting.status');
    expect(moved?.details).toMatchObject({
      to: 'closed',
      by: 'override',
      reason: 'Everyone has finished',
    });
  });
});

describe('a sitting that runs on the server clock', () => {
  it('reports when it opens, turns late and closes, from the association rules', async () => {
    const co = await as('coordinator@co.demo.test');
    const { body, status } = await co.get(`/api/sittings/${coSittingId}/clock`);
    expect(status).toBe(200);
    const startsAt = Date.parse(body.clock.startsAt);
    expect(Date.parse(body.clock.checkInOpensAt)).toBe(startsAt - 30 * 60_000);
    expect(Date.parse(body.clock.lateCutoffAt)).toBe(startsAt + 15 * 60_000);
    expect(Date.parse(body.clock.closesAt)).toBe(startsAt + (60 + 90 + 90) * 60_000);
  });

  it('opens itself at check-in, inclusive, with nobody clicking, audited as the clock', async () => {
    const co = await as('coordinator@co.demo.test');
    const { body } = await co.get(`/api/sittings/${coSittingId}/clock`);
    const opensAt = Date.parse(body.clock.checkInOpensAt);
    t.clock.set(opensAt - 1);
    await t.app.sittingClock.runDue();
    expect(await statusOf(coSittingId)).toBe('scheduled');
    t.clock.set(opensAt);
    expect(await t.app.sittingClock.runDue()).toBeGreaterThanOrEqual(1);
    expect(await statusOf(coSittingId)).toBe('open');
    const opened = (await audits(coSittingId)).find((a) => a.action === 'sitting.status');
    expect(opened?.actorId).toBeNull();
    expect(opened?.details).toMatchObject({ from: 'scheduled', to: 'open', by: 'clock' });
    // A second run (or a second instance's) moves nothing more.
    await t.app.sittingClock.runDue();
    expect(await statusOf(coSittingId)).toBe('open');
  });

  it('is held by a proctor or coordinator with a reason, audited, and then closes on time', async () => {
    const co = await as('coordinator@co.demo.test');
    const { body } = await co.get(`/api/sittings/${coSittingId}/clock`);
    const closesAt = Date.parse(body.clock.closesAt);
    const until = new Date(closesAt + 20 * 60_000).toISOString();
    const noReason = await co.post(`/api/sittings/${coSittingId}/clock`, {
      action: 'hold',
      until,
    });
    expect(noReason.status).toBe(400);
    const held = await co.post(`/api/sittings/${coSittingId}/clock`, {
      action: 'hold',
      until,
      reason: 'Fire alarm: the room left for 20 minutes',
    });
    expect(held.status).toBe(200);
    expect(held.body.clock.heldUntil).toBe(until);
    t.clock.set(closesAt);
    await t.app.sittingClock.runDue();
    expect(await statusOf(coSittingId)).toBe('open');
    t.clock.set(Date.parse(until));
    await t.app.sittingClock.runDue();
    expect(await statusOf(coSittingId)).toBe('closed');
    const hold = (await audits(coSittingId)).find((a) => a.action === 'sitting.clock-hold');
    expect(hold?.details).toMatchObject({ reason: 'Fire alarm: the room left for 20 minutes' });
  });
});
