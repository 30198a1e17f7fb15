import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExamSocket } from './helpers/exam-fixture.js';
import { demoSitting, post, ProctorSocket } from './helpers/proctor-fixture.js';
import { loginAs } from './helpers/test-app.js';
import { createTwoInstances, type TwoInstances } from './helpers/two-instances.js';

/**
 * The room's pause is the sitting's state in the database, not one instance's memory: a
 * candidate served by another instance, or by an instance started after the pause, is refused
 * a start all the same, and the resume made on one instance lets them start on the other.
 * Every proctor's dashboard, on either instance, shows it live and after a reload.
 */
let t: TwoInstances;
let sittingId: string;
const sockets: (ExamSocket | ProctorSocket)[] = [];

beforeAll(async () => {
  t = await createTwoInstances({ listen: true });
  ({ sittingId } = await demoSitting(t.database.db));
}, 120_000);
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t?.close();
});

async function candidateOn(app: TwoInstances['b'], email: string) {
  const socket = await ExamSocket.connect(app, await loginAs(app, email));
  sockets.push(socket);
  return { socket, welcome: await socket.hello() };
}

async function dashboardOn(app: TwoInstances['b']) {
  const socket = await ProctorSocket.connect(
    app,
    await loginAs(app, 'proctor@demo.test'),
    sittingId,
  );
  sockets.push(socket);
  return { socket, snapshot: await socket.hello() };
}

describe("the room's pause across instances", () => {
  it('is refused on another instance and after a restart, and lifted there by the resume', async () => {
    const proctor = await loginAs(t.a, 'proctor@demo.test');
    const room = (action: 'pause' | 'resume', reason: string) =>
      post(t.a, proctor, `/api/proctoring/sittings/${sittingId}/${action}`, { reason });

    // Waiting on B when the proctor, on A, pauses the room: B's screen hears of it, and so
    // do the dashboards on both instances.
    const waiting = await candidateOn(t.b, 'candidate@demo.test');
    expect(waiting.welcome.attempt.roomPaused).toBe(false);
    const onA = await dashboardOn(t.a);
    const onB = await dashboardOn(t.b);
    expect(onB.snapshot.roomPause).toBeNull();
    const told = waiting.socket.next('welcome', (m) => m.attempt.roomPaused);
    const heardOnA = onA.socket.next('room.changed', (m) => m.roomPause !== null);
    const heardOnB = onB.socket.next('room.changed', (m) => m.roomPause !== null);
    expect((await room('pause', 'fire alarm in the building')).statusCode).toBe(200);
    await told;
    const { roomPause } = await heardOnB;
    expect(roomPause).toMatchObject({
      since: expect.any(Number),
      incident: { category: 'other', note: 'fire alarm in the building' },
    });
    expect((await heardOnA).roomPause).toEqual(roomPause);
    waiting.socket.send({ type: 'part.start', part: 1 });
    expect((await waiting.socket.next('error')).code).toBe('ROOM_PAUSED');
    waiting.socket.close();

    // B restarts with nothing in memory: the pause still holds there.
    const restarted = await t.restartB();
    const reloaded = await dashboardOn(restarted);
    expect(reloaded.snapshot.roomPause).toEqual(roomPause);
    const fresh = await candidateOn(restarted, 'mentor.policy@demo.test');
    expect(fresh.welcome.attempt.roomPaused).toBe(true);
    fresh.socket.send({ type: 'part.start', part: 1 });
    expect((await fresh.socket.next('error')).code).toBe('ROOM_PAUSED');

    // The resume on A reaches the restarted B's screen, and the start goes through there.
    const resumed = fresh.socket.next('welcome', (m) => !m.attempt.roomPaused);
    const clearedOnB = reloaded.socket.next('room.changed', (m) => m.roomPause === null);
    expect((await room('resume', 'all clear given')).statusCode).toBe(200);
    await resumed;
    await clearedOnB;
    fresh.socket.send({ type: 'part.start', part: 1 });
    await fresh.socket.next('clock.update', (m) => m.clock.status === 'running');
  });
});
