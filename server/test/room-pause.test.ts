import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, clockEvents, incidents, sittings } from '../src/db/schema/index.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { demoSitting, post, ProctorSocket } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * While the proctor has paused the whole room, a candidate waiting to start Part One (or
 * between the parts) could still start a part: their clock ran through the room's pause, and
 * the room's resume did not touch them. The room's pause is now a state of the sitting: a
 * start is refused (ROOM_PAUSED) until the resume, and the waiting screens are told both ways.
 */
let t: TestApp;
let proctor: string;
let sittingId: string;
let enrolmentOf: (email: string) => string;
const sockets: (ExamSocket | ProctorSocket)[] = [];

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  proctor = await loginAs(t.app, 'proctor@demo.test');
  ({ sittingId, enrolmentOf } = await demoSitting(t.database.db));
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(() => t.close());

async function candidate(email: string) {
  const socket = await ExamSocket.connect(t.app, await loginAs(t.app, email));
  sockets.push(socket);
  return { socket, welcome: await socket.hello() };
}

const room = (action: 'pause' | 'resume', reason: string, category?: string) =>
  post(t.app, proctor, `/api/proctoring/sittings/${sittingId}/${action}`, { reason, category });

/** A proctor's dashboard of the sitting, opened now (as after a reload), with its snapshot. */
async function dashboard() {
  const socket = await ProctorSocket.connect(t.app, proctor, sittingId);
  sockets.push(socket);
  return { socket, snapshot: await socket.hello() };
}

async function startsOf(attemptId: string) {
  return t.database.db
    .select()
    .from(clockEvents)
    .where(and(eq(clockEvents.attemptId, attemptId), eq(clockEvents.type, 'start')));
}

describe("the room's pause", () => {
  it('refuses a start while the room is paused, and lets it through after the resume', async () => {
    const { socket, welcome } = await candidate('candidate@demo.test');
    expect(welcome.attempt).toMatchObject({ admitted: true, roomPaused: false });
    expect(welcome.attempt.parts[0]?.status).toBe('not-started');

    // The waiting candidate's screen is told the room is paused.
    const told = socket.next('welcome', (m) => m.attempt.roomPaused);
    expect((await room('pause', 'fire alarm in the building')).statusCode).toBe(200);
    await told;
    const [stored] = await t.database.db
      .select({ at: sittings.roomPausedAt, incident: sittings.roomPauseIncidentId })
      .from(sittings)
      .where(eq(sittings.id, sittingId));
    expect(stored?.at).toBeInstanceOf(Date);
    expect(stored?.incident).toEqual(expect.any(String));

    socket.send({ type: 'part.start', part: 1 });
    const refused = await socket.next('error');
    expect(refused.code).toBe('ROOM_PAUSED');
    expect(refused.message).toMatch(/paused the room.*once the proctor resumes/);
    expect(await startsOf(welcome.attempt.attemptId)).toEqual([]);

    const resumed = socket.next('welcome', (m) => !m.attempt.roomPaused);
    expect((await room('resume', 'all clear given')).statusCode).toBe(200);
    await resumed;
    const [cleared] = await t.database.db
      .select({ at: sittings.roomPausedAt, incident: sittings.roomPauseIncidentId })
      .from(sittings)
      .where(eq(sittings.id, sittingId));
    expect(cleared).toEqual({ at: null, incident: null });

    socket.send({ type: 'part.start', part: 1 });
    const running = await socket.next('clock.update', (m) => m.clock.status === 'running');
    expect(running.clock.part).toBe(1);
    expect(await startsOf(welcome.attempt.attemptId)).toHaveLength(1);
  });

  it('refuses Part Two between the parts the same way', async () => {
    const { socket } = await candidate('mentor.policy@demo.test');
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update', (m) => m.clock.status === 'running');
    socket.send({ type: 'part.submit', part: 1 });
    await socket.next('part.closed');
    await socket.next('welcome', (m) => m.attempt.partTwo !== null);

    const told = socket.next('welcome', (m) => m.attempt.roomPaused);
    await room('pause', 'network outage in the room');
    await told;
    socket.send({ type: 'part.start', part: 2 });
    expect((await socket.next('error')).code).toBe('ROOM_PAUSED');

    await room('resume', 'network back');
    await socket.next('welcome', (m) => !m.attempt.roomPaused);
    socket.send({ type: 'part.start', part: 2 });
    await socket.next('clock.update', (m) => m.clock.part === 2 && m.clock.status === 'running');
  });

  it('shows a candidate admitted during the pause that the room is paused', async () => {
    const { socket, welcome } = await candidate('mentor.clinical@demo.test');
    expect(welcome.attempt.admitted).toBe(false);
    await room('pause', 'projector fault');
    await socket.next('welcome', (m) => m.attempt.roomPaused);

    const admitted = socket.next('welcome', (m) => m.attempt.admitted);
    const admit = `/api/proctoring/enrolments/${enrolmentOf('mentor.clinical@demo.test')}/admit`;
    expect((await post(t.app, proctor, admit)).statusCode).toBe(200);
    expect((await admitted).attempt.roomPaused).toBe(true);
    socket.send({ type: 'part.start', part: 1 });
    expect((await socket.next('error')).code).toBe('ROOM_PAUSED');

    await room('resume', 'projector fixed');
    await socket.next('welcome', (m) => !m.attempt.roomPaused);
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update', (m) => m.clock.status === 'running');
  });

  it('is on the dashboard: pushed as it happens, in the snapshot of one opened after it, gone with the resume', async () => {
    const watching = await dashboard();
    expect(watching.snapshot.roomPause).toBeNull();

    const paused = watching.socket.next('room.changed', (m) => m.roomPause !== null);
    expect((await room('pause', 'Fire alarm', 'environment')).statusCode).toBe(200);
    const [stored] = await t.database.db
      .select({ at: sittings.roomPausedAt, incident: sittings.roomPauseIncidentId })
      .from(sittings)
      .where(eq(sittings.id, sittingId));
    const expected = {
      since: stored?.at?.getTime(),
      incident: { id: stored?.incident, category: 'environment', note: 'Fire alarm' },
    };
    expect((await paused).roomPause).toEqual(expected);

    // A reload (a fresh dashboard) is told the room is paused, since when and why.
    const reloaded = await dashboard();
    expect(reloaded.snapshot.roomPause).toEqual(expected);

    // A second pause (another proctor's) is refused: the first one's time and incident stand,
    // and nothing is recorded for it.
    const incidentsBefore = await t.database.db.select().from(incidents);
    const auditBefore = await t.database.db.select().from(auditLog);
    const again = await room('pause', 'Smoke in the corridor');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'ROOM_PAUSED',
      details: { since: new Date(expected.since!).toISOString() },
    });
    expect(await t.database.db.select().from(incidents)).toHaveLength(incidentsBefore.length);
    expect(await t.database.db.select().from(auditLog)).toHaveLength(auditBefore.length);
    expect((await dashboard()).snapshot.roomPause).toEqual(expected);

    const resumedHere = watching.socket.next('room.changed', (m) => m.roomPause === null);
    const resumedThere = reloaded.socket.next('room.changed', (m) => m.roomPause === null);
    expect((await room('resume', 'all clear given')).statusCode).toBe(200);
    await resumedHere;
    await resumedThere;
    expect((await dashboard()).snapshot.roomPause).toBeNull();
  });
});
