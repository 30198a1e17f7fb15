import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attemptParts,
  auditLog,
  clockEvents,
  disconnectCredits,
  incidents,
  sittings,
} from '../src/db/schema/index.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { demoSitting, post, ProctorSocket } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * A proctor's clock action recorded the incident its reason names in one transaction and its
 * effect in another: when the effect was refused (the clock changed or the part closed
 * meanwhile, on another instance) or failed, the incident stayed, with an audit entry saying it
 * was recorded, and caused nothing. Each action now commits its incident, its effect and their
 * audit entries together or not at all. Each case forces the effect to fail after the incident
 * would have been recorded, then checks nothing was left; then the action succeeds and links it.
 */
let t: TestApp;
let proctor: string;
let sittingId: string;
let enrolmentOf: (email: string) => string;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  proctor = await loginAs(t.app, 'proctor@demo.test');
  ({ sittingId, enrolmentOf } = await demoSitting(t.database.db));
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await t.database.db.execute(sql`drop trigger if exists injected_failure on clock_events`);
  await t.database.db.execute(sql`drop trigger if exists injected_failure on sittings`);
});
afterAll(() => t.close());

/** One sign-in per candidate: a new sign-in would need a resume code to take over. */
const cookies = new Map<string, string>();
async function startedCandidate(email: string) {
  const cookie = cookies.get(email) ?? (await loginAs(t.app, email));
  cookies.set(email, cookie);
  const socket = await ExamSocket.connect(t.app, cookie);
  sockets.push(socket);
  const welcome = await socket.hello();
  if (welcome.attempt.parts[0]?.status === 'not-started') {
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update', (m) => m.clock.status === 'running');
  }
  return { socket, attemptId: welcome.attempt.attemptId };
}

const act = (enrolmentId: string, action: string, body: object) =>
  post(t.app, proctor, `/api/proctoring/enrolments/${enrolmentId}/${action}`, body);

/** What the database holds now, to compare after a refused action. */
async function mark() {
  const [last] = await t.database.db
    .select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)`.mapWith(Number) })
    .from(auditLog);
  const rows = await t.database.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(eq(incidents.sittingId, sittingId));
  const events = await t.database.db.select({ id: clockEvents.id }).from(clockEvents);
  return { auditId: last?.id ?? 0, incidents: rows.length, clockEvents: events.length };
}

/** Asserts the refused action left no incident, no clock event and no audit entry behind. */
async function expectNothingLeft(before: Awaited<ReturnType<typeof mark>>) {
  const after = await mark();
  const newAudit = await t.database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(gt(auditLog.id, before.auditId));
  expect(newAudit.map((a) => a.action)).toEqual([]);
  expect(after.incidents).toBe(before.incidents);
  expect(after.clockEvents).toBe(before.clockEvents);
}

/** The incident a reason recorded, the clock events it caused and its audit entries. */
async function linked(note: string) {
  const [incident] = await t.database.db
    .select()
    .from(incidents)
    .where(and(eq(incidents.sittingId, sittingId), eq(incidents.note, note)));
  if (!incident) throw new Error(`no incident '${note}'`);
  const effects = await t.database.db
    .select()
    .from(clockEvents)
    .where(eq(clockEvents.incidentId, incident.id));
  const audit = await t.database.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(sql`${auditLog.details}->>'incidentId' = ${incident.id}`);
  return { incident, effects, audit: audit.map((a) => a.action) };
}

/** Makes every clock event of the attempt fail to store, as a failing disk or bug would. */
async function failClockWritesOf(attemptId: string) {
  await t.database.db.execute(sql`
    create or replace function injected_failure() returns trigger language plpgsql as $$
    begin raise exception 'injected failure'; end $$`);
  await t.database.db.execute(
    sql.raw(`create trigger injected_failure before insert on clock_events for each row
      when (new.attempt_id = '${attemptId}') execute function injected_failure()`),
  );
}

/** Changes part one's clock as another instance would: this instance's copy is now stale. */
async function elsewhere(attemptId: string, type: 'pause' | 'resume') {
  await t.database.db.insert(clockEvents).values({
    attemptId,
    part: 1,
    type,
    at: t.clock.now(),
    reason: `${type} on another instance`,
    actorId: null,
  });
  await t.database.db
    .update(attemptParts)
    .set({ paused: type === 'pause' })
    .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 1)));
}

/** Closes parts as another instance's sweeper would. */
async function closedElsewhere(attemptId: string, parts: number[]) {
  for (const part of parts) {
    await t.database.db
      .update(attemptParts)
      .set({ closedStatus: 'expired', closedAt: t.clock.now(), closedReason: 'elsewhere' })
      .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, part)));
  }
}

describe("a proctor's clock action commits its incident with its effect, or neither", () => {
  it('pause and resume: a clock that changed meanwhile is refused and records nothing', async () => {
    const casey = enrolmentOf('candidate@demo.test');
    const { attemptId } = await startedCandidate('candidate@demo.test');

    await elsewhere(attemptId, 'pause');
    const before = await mark();
    const paused = await act(casey, 'pause', { reason: 'Raised a hand; paused to help' });
    expect(paused.statusCode).toBe(409);
    expect(paused.json().error.code).toBe('CONFLICT');
    await expectNothingLeft(before);
    // The refusal reread the clock: trying again says what is true now.
    const again = await act(casey, 'pause', { reason: 'Raised a hand; paused to help' });
    expect(again.json().error.code).toBe('NOT_RUNNING');
    await expectNothingLeft(before);

    await elsewhere(attemptId, 'resume');
    const beforeResume = await mark();
    const resumed = await act(casey, 'resume', { reason: 'Back at the desk now' });
    expect(resumed.json().error.code).toBe('CONFLICT');
    await expectNothingLeft(beforeResume);

    const ok = await act(casey, 'pause', { reason: 'Candidate feels faint' });
    expect(ok.statusCode).toBe(200);
    const { effects, audit } = await linked('Candidate feels faint');
    expect(effects.map((e) => [e.type, e.attemptId])).toEqual([['pause', attemptId]]);
    expect(audit.sort()).toEqual(['clock.pause', 'incident.recorded']);
    expect((await act(casey, 'resume', { reason: 'Feels better now' })).statusCode).toBe(200);
    expect((await linked('Feels better now')).effects.map((e) => e.type)).toEqual(['resume']);
  });

  it('extra time: a part closed meanwhile is refused and records nothing', async () => {
    const morgan = enrolmentOf('mentor.policy@demo.test');
    const { attemptId } = await startedCandidate('mentor.policy@demo.test');

    const ok = await act(morgan, 'extend', { minutes: 3, reason: 'Late start at this desk' });
    expect(ok.statusCode).toBe(200);
    const done = await linked('Late start at this desk');
    expect(done.effects.map((e) => [e.type, e.ms])).toEqual([['extend', 180_000]]);
    expect(done.audit.sort()).toEqual(['clock.extend', 'incident.recorded']);

    await closedElsewhere(attemptId, [1]);
    const before = await mark();
    const refused = await act(morgan, 'extend', { minutes: 5, reason: 'Projector glare' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PART_CLOSED');
    await expectNothingLeft(before);
  });

  it('extra time: a clock write that fails leaves neither the incident nor its audit entry', async () => {
    const casey = enrolmentOf('candidate@demo.test');
    const { attemptId } = await startedCandidate('candidate@demo.test');
    await failClockWritesOf(attemptId);
    const before = await mark();
    const failed = await act(casey, 'extend', { minutes: 2, reason: 'Fire drill in the hall' });
    expect(failed.statusCode).toBe(500);
    await expectNothingLeft(before);
  });

  it('ending: parts closed meanwhile, or an end that fails to store, record nothing', async () => {
    const morgan = enrolmentOf('mentor.policy@demo.test');
    const { attemptId } = await startedCandidate('mentor.policy@demo.test');
    // Part One closed above; Part Two closes too, elsewhere: nothing is left to end.
    await closedElsewhere(attemptId, [2]);
    const before = await mark();
    const refused = await act(morgan, 'end', { reason: 'Left with the notes' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PART_CLOSED');
    await expectNothingLeft(before);

    const riley = enrolmentOf('mentor.research@demo.test');
    const other = await startedCandidate('mentor.research@demo.test');
    await failClockWritesOf(other.attemptId);
    const beforeEnd = await mark();
    const failed = await act(riley, 'end', { reason: 'Phone out during the exam' });
    expect(failed.statusCode).toBe(500);
    await expectNothingLeft(beforeEnd);
    const open = await t.database.db
      .select({ closedAt: attemptParts.closedAt })
      .from(attemptParts)
      .where(eq(attemptParts.attemptId, other.attemptId));
    expect(open.map((p) => p.closedAt)).toEqual([null, null]);
  });

  it('a disconnect credit whose clock write fails leaves no credit, incident or audit entry', async () => {
    const jordan = enrolmentOf('mentor.clinical@demo.test');
    expect((await act(jordan, 'admit', {})).statusCode).toBe(200);
    const watch = await ProctorSocket.connect(t.app, proctor, sittingId);
    sockets.push(watch);
    await watch.hello();
    const first = await startedCandidate('mentor.clinical@demo.test');
    const dropped = watch.next(
      'alert.raised',
      (m) => m.alert.kind === 'disconnect' && m.alert.enrolmentId === jordan,
    );
    first.socket.close();
    await dropped;
    await watch.candidate(jordan, (c) => c.connection.status === 'disconnected');
    t.clock.advance(60_000);
    const { attemptId } = await startedCandidate('mentor.clinical@demo.test');
    const list = await t.app.inject({
      url: `/api/proctoring/enrolments/${jordan}/disconnects`,
      headers: { cookie: proctor },
    });
    const [disconnect] = list.json().disconnects;
    expect(disconnect).toMatchObject({ runningMs: 60_000, credit: null });

    await failClockWritesOf(attemptId);
    const before = await mark();
    const body = { disconnectId: disconnect.id, reason: 'Router rebooted', category: 'technical' };
    expect((await act(jordan, 'credit', body)).statusCode).toBe(500);
    await expectNothingLeft(before);
    expect(await t.database.db.select().from(disconnectCredits)).toEqual([]);

    await t.database.db.execute(sql`drop trigger injected_failure on clock_events`);
    expect((await act(jordan, 'credit', body)).statusCode).toBe(200);
    const { effects, audit } = await linked('Router rebooted');
    expect(effects.map((e) => [e.type, e.ms])).toEqual([['extend', 60_000]]);
    expect(audit.sort()).toEqual(['clock.extend', 'disconnect.credited', 'incident.recorded']);
  });

  it("the room's pause: a pause that fails to store leaves no incident or audit entry", async () => {
    await t.database.db.execute(sql`
      create or replace function injected_failure() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$`);
    await t.database.db.execute(sql`create trigger injected_failure before update of
      room_paused_at on sittings for each row execute function injected_failure()`);
    const before = await mark();
    const room = `/api/proctoring/sittings/${sittingId}`;
    const failed = await post(t.app, proctor, `${room}/pause`, { reason: 'Smoke in the corridor' });
    expect(failed.statusCode).toBe(500);
    await expectNothingLeft(before);

    await t.database.db.execute(sql`drop trigger injected_failure on sittings`);
    const { attemptId } = await startedCandidate('candidate@demo.test');
    const ok = await post(t.app, proctor, `${room}/pause`, { reason: 'Smoke in the corridor' });
    expect(ok.statusCode).toBe(200);
    const { incident, effects, audit } = await linked('Smoke in the corridor');
    const [stored] = await t.database.db
      .select({ incidentId: sittings.roomPauseIncidentId })
      .from(sittings)
      .where(eq(sittings.id, sittingId));
    expect(stored?.incidentId).toBe(incident.id);
    expect(effects.map((e) => [e.type, e.attemptId])).toContainEqual(['pause', attemptId]);
    expect(audit).toEqual(expect.arrayContaining(['incident.recorded', 'room.paused']));
    expect((await post(t.app, proctor, `${room}/resume`, { reason: 'All clear' })).statusCode).toBe(
      200,
    );
  });
});
