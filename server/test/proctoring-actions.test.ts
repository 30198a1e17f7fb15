import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, clockEvents } from '../src/db/schema/index.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { demoSitting, post, ProctorSocket } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/** Every proctor action must reach the candidate's screen within this long. */
const WITHIN_MS = 1000;

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
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(() => t.close());

/** One sign-in per candidate: a new sign-in would need a resume code to take over. */
const cookies = new Map<string, string>();
async function candidateSocket(email: string) {
  const cookie = cookies.get(email) ?? (await loginAs(t.app, email));
  cookies.set(email, cookie);
  const socket = await ExamSocket.connect(t.app, cookie);
  sockets.push(socket);
  const welcome = await socket.hello();
  return { socket, welcome };
}

async function startedCandidate(email: string) {
  const { socket, welcome } = await candidateSocket(email);
  if (welcome.attempt.parts[0]?.status === 'not-started') {
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update', (m) => m.clock.status === 'running');
  }
  return socket;
}

async function dashboard() {
  const socket = await ProctorSocket.connect(t.app, proctor, sittingId);
  sockets.push(socket);
  return { socket, snapshot: await socket.hello() };
}

async function audited(action: string, subjectId: string) {
  return t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
}

describe('admission', () => {
  it('admits a waiting candidate: the lobby updates within a second, the dashboard too, audited', async () => {
    const jordan = enrolmentOf('mentor.clinical@demo.test');
    const { socket, welcome } = await candidateSocket('mentor.clinical@demo.test');
    expect(welcome.attempt.admitted).toBe(false);
    socket.send({ type: 'part.start', part: 1 });
    expect((await socket.next('error')).code).toBe('NOT_ADMITTED');

    const { socket: watch, snapshot } = await dashboard();
    expect(snapshot.candidates.find((c) => c.enrolmentId === jordan)).toMatchObject({
      state: 'waiting',
      connection: { status: 'connected' },
      name: 'Jordan Clinician',
    });

    const admitted = socket.next('welcome', (m) => m.attempt.admitted, WITHIN_MS);
    const row = watch.candidate(jordan, (c) => c.state === 'admitted', WITHIN_MS);
    const response = await post(t.app, proctor, `/api/proctoring/enrolments/${jordan}/admit`);
    expect(response.statusCode).toBe(200);
    await admitted;
    await row;
    expect(await audited('candidate.admitted', jordan)).toHaveLength(1);

    const again = await post(t.app, proctor, `/api/proctoring/enrolments/${jordan}/admit`);
    expect(again.json().error.code).toBe('ALREADY_ADMITTED');

    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update', (m) => m.clock.status === 'running');
  });
});

describe('clock actions', () => {
  it('pause, resume and extra time each reach the candidate within a second and are on the ledger', async () => {
    const casey = enrolmentOf('candidate@demo.test');
    const socket = await startedCandidate('candidate@demo.test');
    const { socket: watch } = await dashboard();
    const url = (action: string) => `/api/proctoring/enrolments/${casey}/${action}`;

    const paused = socket.next('clock.update', (m) => m.clock.status === 'paused', WITHIN_MS);
    const pausedRow = watch.candidate(casey, (c) => c.state === 'paused', WITHIN_MS);
    expect((await post(t.app, proctor, url('pause'), { reason: 'fire alarm' })).statusCode).toBe(
      200,
    );
    // The candidate hears what happened, never the proctor's words (they may name a suspicion).
    const told = await paused;
    expect(told.reason).toBe('paused by the proctor');
    expect(JSON.stringify(told)).not.toContain('fire alarm');
    await pausedRow;
    const notRunning = await post(t.app, proctor, url('pause'), { reason: 'again' });
    expect(notRunning.json().error.code).toBe('NOT_RUNNING');

    const running = socket.next('clock.update', (m) => m.clock.status === 'running', WITHIN_MS);
    expect((await post(t.app, proctor, url('resume'), { reason: 'all clear' })).statusCode).toBe(
      200,
    );
    const before = (await running).clock.allowedMs;

    const extended = socket.next('clock.update', (m) => m.clock.allowedMs > before, WITHIN_MS);
    const response = await post(t.app, proctor, url('extend'), {
      minutes: 5,
      reason: 'late start in room',
    });
    expect(response.statusCode).toBe(200);
    expect((await extended).clock.allowedMs).toBe(before + 5 * 60_000);
    expect(response.json().candidate.clock.allowedMs).toBe(before + 5 * 60_000);

    const ledger = await t.database.db
      .select()
      .from(clockEvents)
      .where(eq(clockEvents.attemptId, response.json().candidate.attemptId));
    expect(ledger.map((e) => [e.type, e.reason])).toEqual(
      expect.arrayContaining([
        ['pause', 'fire alarm'],
        ['resume', 'all clear'],
        ['extend', 'late start in room'],
      ]),
    );
    const audit = await audited('clock.pause', response.json().candidate.attemptId);
    expect(audit[0]?.details).toMatchObject({ reason: 'fire alarm' });
  });

  it('refuses a reason that is missing or too short', async () => {
    const casey = enrolmentOf('candidate@demo.test');
    const response = await post(t.app, proctor, `/api/proctoring/enrolments/${casey}/pause`, {
      reason: 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('pauses and resumes the whole room: every running clock stops, then runs again', async () => {
    const casey = await startedCandidate('candidate@demo.test');
    const morgan = await startedCandidate('mentor.policy@demo.test');
    const bothPaused = [casey, morgan].map((s) =>
      s.next('clock.update', (m) => m.clock.status === 'paused', WITHIN_MS),
    );
    const room = await post(t.app, proctor, `/api/proctoring/sittings/${sittingId}/pause`, {
      reason: 'power flicker',
    });
    expect(room.json().changed).toBeGreaterThanOrEqual(2);
    await Promise.all(bothPaused);
    const bothRunning = [casey, morgan].map((s) =>
      s.next('clock.update', (m) => m.clock.status === 'running', WITHIN_MS),
    );
    await post(t.app, proctor, `/api/proctoring/sittings/${sittingId}/resume`, {
      reason: 'power back',
    });
    await Promise.all(bothRunning);
    expect(await audited('room.paused', sittingId)).toHaveLength(1);
  });

  it('resuming the room leaves a candidate paused for their own incident paused', async () => {
    const casey = enrolmentOf('candidate@demo.test');
    const caseySocket = await startedCandidate('candidate@demo.test');
    const morgan = await startedCandidate('mentor.policy@demo.test');
    const own = `/api/proctoring/enrolments/${casey}`;
    const unwell = caseySocket.next('clock.update', (m) => m.clock.status === 'paused', WITHIN_MS);
    await post(t.app, proctor, `${own}/pause`, { reason: 'feels unwell; nurse called' });
    await unwell;
    const room = `/api/proctoring/sittings/${sittingId}`;
    const morganPaused = morgan.next('clock.update', (m) => m.clock.status === 'paused', WITHIN_MS);
    await post(t.app, proctor, `${room}/pause`, { reason: 'power cut' });
    await morganPaused;

    const morganRunning = morgan.next(
      'clock.update',
      (m) => m.clock.status === 'running',
      WITHIN_MS,
    );
    const resumed = await post(t.app, proctor, `${room}/resume`, { reason: 'power back' });
    // Morgan (and any other candidate the room's pause stopped) runs again; Casey does not.
    expect(resumed.json().keptPaused).toEqual(['Casey Candidate']);
    await morganRunning;
    const { snapshot } = await dashboard();
    expect(snapshot.candidates.find((c) => c.enrolmentId === casey)?.state).toBe('paused');

    // Her own resume lifts her pause.
    const caseyRunning = caseySocket.next(
      'clock.update',
      (m) => m.clock.status === 'running',
      WITHIN_MS,
    );
    expect((await post(t.app, proctor, `${own}/resume`, { reason: 'back' })).statusCode).toBe(200);
    await caseyRunning;
  });
});

describe('disconnect credit', () => {
  it('credits the running time of a recorded disconnect once, with a reason', async () => {
    const riley = enrolmentOf('mentor.research@demo.test');
    const { socket: watch } = await dashboard();
    const first = await startedCandidate('mentor.research@demo.test');
    // Another test's socket may still be closing: wait for this candidate's alert.
    const dropped = watch.next(
      'alert.raised',
      (m) => m.alert.kind === 'disconnect' && m.alert.enrolmentId === riley,
    );
    first.close();
    expect((await dropped).alert.enrolmentId).toBe(riley);
    await watch.candidate(riley, (c) => c.connection.status === 'disconnected');
    t.clock.advance(90_000);
    const back = await startedCandidate('mentor.research@demo.test');

    const list = await t.app.inject({
      url: `/api/proctoring/enrolments/${riley}/disconnects`,
      headers: { cookie: proctor },
    });
    const [disconnect] = list.json().disconnects;
    expect(disconnect).toMatchObject({ part: 1, runningMs: 90_000, credit: null });

    const credited = back.next('clock.update', (m) => m.clock.allowedMs > 90 * 60_000, WITHIN_MS);
    const url = `/api/proctoring/enrolments/${riley}/credit`;
    const response = await post(t.app, proctor, url, {
      disconnectId: disconnect.id,
      reason: 'venue wifi dropped',
      category: 'technical',
    });
    expect(response.statusCode).toBe(200);
    const creditTold = await credited;
    expect(creditTold.clock.allowedMs).toBe(90 * 60_000 + 90_000);
    expect(JSON.stringify(creditTold)).not.toContain('wifi');
    const twice = await post(t.app, proctor, url, {
      disconnectId: disconnect.id,
      reason: 'venue wifi dropped',
    });
    expect(twice.json().error.code).toBe('ALREADY_CREDITED');
    expect(await audited('disconnect.credited', response.json().candidate.attemptId)).toHaveLength(
      1,
    );
    // The reason records the incident the credit answers, so the incident report shows the
    // time it gave back (a credit was linked to no incident before).
    const report = await t.app.inject({
      url: `/api/proctoring/sittings/${sittingId}/incident-report`,
      headers: { cookie: proctor },
    });
    const incident = report
      .json()
      .incidents.find((i: { note: string }) => i.note === 'venue wifi dropped');
    expect(incident).toMatchObject({ enrolmentId: riley, category: 'technical' });
    expect(incident.effects).toEqual([
      expect.objectContaining({ enrolmentId: riley, kind: 'extend', ms: 90_000 }),
    ]);
  });
});

describe('incidents and ending', () => {
  it('records an incident, pushed to every dashboard of the sitting and audited', async () => {
    const { socket: watch } = await dashboard();
    const casey = enrolmentOf('candidate@demo.test');
    // After the credit's incident above, which was recorded at the same test-clock time.
    t.clock.advance(1_000);
    const pushed = watch.next('incident.recorded');
    const response = await post(t.app, proctor, `/api/proctoring/sittings/${sittingId}/incidents`, {
      enrolmentId: casey,
      category: 'candidate',
      note: 'Phone rang; candidate silenced it at once.',
    });
    expect(response.statusCode).toBe(201);
    expect((await pushed).incident).toMatchObject({
      category: 'candidate',
      candidateName: 'Casey Candidate',
      recordedBy: 'Priya Proctor',
    });
    const recorded = await audited('incident.recorded', sittingId);
    const id = response.json().incident.id;
    expect(recorded.filter((a) => a.details?.incidentId === id)).toHaveLength(1);
    const { snapshot } = await dashboard();
    expect(snapshot.incidents[0]?.note).toMatch(/Phone rang/);
  });

  it('ends an attempt: both parts close as ended on the candidate screen within a second', async () => {
    const morgan = enrolmentOf('mentor.policy@demo.test');
    const socket = await startedCandidate('mentor.policy@demo.test');
    const { socket: watch } = await dashboard();
    const partOne = socket.next(
      'part.closed',
      (m) => m.part === 1 && m.status === 'ended',
      WITHIN_MS,
    );
    const partTwo = socket.next(
      'part.closed',
      (m) => m.part === 2 && m.status === 'ended',
      WITHIN_MS,
    );
    const row = watch.candidate(morgan, (c) => c.state === 'ended', WITHIN_MS);
    const url = `/api/proctoring/enrolments/${morgan}/end`;
    expect(
      (await post(t.app, proctor, url, { reason: 'left the room with notes' })).statusCode,
    ).toBe(200);
    await Promise.all([partOne, partTwo, row]);
    const again = await post(t.app, proctor, url, { reason: 'left the room with notes' });
    expect(again.json().error.code).toBe('PART_CLOSED');
  });
});
