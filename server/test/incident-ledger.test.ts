import { utcToZonedWallTime } from '@exam/shared/domain';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clockEvents, sittings } from '../src/db/schema/index.js';
import { incidentsAbout } from '../src/modules/proctoring/index.js';
import { ExamSocket } from './helpers/exam-fixture.js';
import { demoSitting, post, ProctorSocket, unassignedProctor } from './helpers/proctor-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let proctor: string;
let sittingId: string;
let enrolmentOf: (email: string) => string;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  t = await createTestApp({ listen: true });
  proctor = await loginAs(t.app, 'proctor@demo.test');
  ({ sittingId, enrolmentOf } = await demoSitting(t.database.db));
  // The report names the sitting's zone and reads every time in it.
  await t.database.db
    .update(sittings)
    .set({ timeZone: 'America/Chicago' })
    .where(eq(sittings.id, sittingId));
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(() => t.close());

async function startedCandidate(email: string) {
  const socket = await ExamSocket.connect(t.app, await loginAs(t.app, email));
  sockets.push(socket);
  const welcome = await socket.hello();
  if (welcome.attempt.parts[0]?.status === 'not-started') {
    socket.send({ type: 'part.start', part: 1 });
    await socket.next('clock.update', (m) => m.clock.status === 'running');
  }
  return socket;
}

function get(cookie: string, url: string) {
  return t.app.inject({ method: 'GET', url, headers: { origin: TEST_ORIGIN, cookie } });
}

const act = (enrolmentId: string, action: string, body: object) =>
  post(t.app, proctor, `/api/proctoring/enrolments/${enrolmentId}/${action}`, body);

describe('proctor actions link to the incident that caused them', () => {
  it('records an incident from a written reason, and the incident shows the entries it caused', async () => {
    const casey = enrolmentOf('candidate@demo.test');
    await startedCandidate('candidate@demo.test');
    const watch = await ProctorSocket.connect(t.app, proctor, sittingId);
    sockets.push(watch);
    await watch.hello();

    const pushed = watch.next('incident.recorded', (m) => m.incident.effects.length === 1);
    const paused = await act(casey, 'pause', {
      reason: 'Fire alarm in the building',
      category: 'environment',
    });
    expect(paused.statusCode).toBe(200);
    const { incident } = await pushed;
    expect(incident).toMatchObject({
      category: 'environment',
      note: 'Fire alarm in the building',
      candidateName: 'Casey Candidate',
      recordedBy: 'Priya Proctor',
      effects: [{ kind: 'pause', part: 1, actor: 'Priya Proctor', incidentId: incident.id }],
    });

    // The same incident causes the resume and the extra time.
    const updated = watch.next('incident.recorded', (m) => m.incident.effects.length === 3);
    expect((await act(casey, 'resume', { incidentId: incident.id })).statusCode).toBe(200);
    const extended = await act(casey, 'extend', {
      minutes: 7,
      incidentId: incident.id,
      reason: 'Time lost leaving the building',
    });
    expect(extended.statusCode).toBe(200);
    expect((await updated).incident.effects.map((e) => [e.kind, e.ms, e.reason])).toEqual([
      ['pause', null, 'Fire alarm in the building'],
      ['resume', null, 'Fire alarm in the building'],
      ['extend', 7 * 60_000, 'Time lost leaving the building'],
    ]);

    const stored = await t.database.db
      .select()
      .from(clockEvents)
      .where(eq(clockEvents.incidentId, incident.id));
    expect(stored.map((e) => e.type)).toEqual(['pause', 'resume', 'extend']);

    const ledger = await get(proctor, `/api/proctoring/enrolments/${casey}/ledger`);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.json().entries.map((e: { kind: string }) => e.kind)).toEqual([
      'start',
      'pause',
      'resume',
      'extend',
    ]);
    const again = await ProctorSocket.connect(t.app, proctor, sittingId);
    sockets.push(again);
    const snapshot = await again.hello();
    expect(snapshot.incidents.find((i) => i.id === incident.id)?.effects).toHaveLength(3);
  });

  it("refuses an action with no cause, or another candidate's incident, and changes nothing", async () => {
    const casey = enrolmentOf('candidate@demo.test');
    const morgan = enrolmentOf('mentor.policy@demo.test');
    await startedCandidate('mentor.policy@demo.test');
    const none = await act(morgan, 'pause', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('VALIDATION_FAILED');

    const about = await post(t.app, proctor, `/api/proctoring/sittings/${sittingId}/incidents`, {
      enrolmentId: casey,
      category: 'candidate',
      note: 'Notes on the desk',
    });
    const before = await t.database.db.select().from(clockEvents);
    const wrong = await act(morgan, 'pause', { incidentId: about.json().incident.id });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('INCIDENT_MISMATCH');
    const unknown = await act(morgan, 'pause', {
      incidentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(await t.database.db.select().from(clockEvents)).toHaveLength(before.length);
  });

  it('links a termination and a room-wide pause to their incidents', async () => {
    const morgan = enrolmentOf('mentor.policy@demo.test');
    const ended = await act(morgan, 'end', { reason: 'Left the room with notes' });
    expect(ended.statusCode).toBe(200);
    const room = await post(t.app, proctor, `/api/proctoring/sittings/${sittingId}/pause`, {
      reason: 'Power cut in the east wing',
    });
    expect(room.statusCode).toBe(200);
    const report = await get(proctor, `/api/proctoring/sittings/${sittingId}/incident-report`);
    const incidents = report.json().incidents as {
      note: string;
      candidateName: string | null;
      effects: { kind: string; candidateName: string; part: number }[];
    }[];
    const termination = incidents.find((i) => i.note === 'Left the room with notes');
    expect(termination?.effects.map((e) => [e.kind, e.part])).toEqual([
      ['end', 1],
      ['end', 2],
    ]);
    const powerCut = incidents.find((i) => i.note === 'Power cut in the east wing');
    expect(powerCut?.candidateName).toBeNull();
    expect(powerCut?.effects.map((e) => e.candidateName)).toContain('Casey Candidate');
    expect(powerCut?.effects.every((e) => e.kind === 'pause')).toBe(true);
  });
});

describe('the incident report', () => {
  it("is a CSV of every incident with its time effects, in the sitting's named time zone, formula-safe", async () => {
    await post(t.app, proctor, `/api/proctoring/sittings/${sittingId}/incidents`, {
      enrolmentId: null,
      category: 'other',
      note: '=HYPERLINK("http://evil.test","click")',
    });
    const coordinator = await loginAs(t.app, 'coordinator@demo.test');
    const csv = await get(coordinator, `/api/proctoring/sittings/${sittingId}/incident-report.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/incident-report\.csv"$/);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe(
      'Time (America/Chicago),Candidate,Category,Description,Recorded by,Time effects',
    );
    const fire = lines.find((l) => l.includes('Fire alarm in the building'));
    expect(fire).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d,Casey Candidate,environment,/);
    expect(fire).toContain('Part One paused (by Priya Proctor)');
    expect(fire).toContain('+7 min to Part One (by Priya Proctor)');
    const local = utcToZonedWallTime(t.clock.now(), 'America/Chicago');
    expect(fire?.startsWith(`${local.date} `)).toBe(true);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it("is readable by the sitting's proctor, coordinators and admins; not by a proctor of another sitting or other roles", async () => {
    const url = `/api/proctoring/sittings/${sittingId}/incident-report.csv`;
    const json = `/api/proctoring/sittings/${sittingId}/incident-report`;
    for (const email of ['proctor@demo.test', 'coordinator@demo.test', 'admin@demo.test']) {
      const cookie = await loginAs(t.app, email);
      expect((await get(cookie, url)).statusCode).toBe(200);
      expect((await get(cookie, json)).statusCode).toBe(200);
    }
    const elsewhere = await unassignedProctor(t.app);
    for (const path of [url, json]) {
      const refused = await get(elsewhere, path);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain('Fire alarm');
    }
    for (const email of ['candidate@demo.test', 'grader1@demo.test']) {
      expect((await get(await loginAs(t.app, email), url)).statusCode).toBe(403);
    }
  });
});

describe('incidents recorded in the same millisecond', () => {
  it('come back in the order they were recorded: the report oldest first, the dashboard newest first', async () => {
    const casey = enrolmentOf('candidate@demo.test');
    // The test clock stands still: all four share one recorded time to the millisecond.
    t.clock.advance(60_000);
    const notes = ['First: knock at the door', 'Second: chair fell', 'Third: a cough', 'Fourth'];
    for (const note of notes) {
      const recorded = await post(
        t.app,
        proctor,
        `/api/proctoring/sittings/${sittingId}/incidents`,
        {
          enrolmentId: casey,
          category: 'environment',
          note,
        },
      );
      expect(recorded.statusCode).toBe(201);
    }
    const ours = (list: readonly { note: string }[]) =>
      list.map((i) => i.note).filter((note) => notes.includes(note));

    const report = await get(proctor, `/api/proctoring/sittings/${sittingId}/incident-report`);
    expect(ours(report.json().incidents)).toEqual(notes);
    const watch = await ProctorSocket.connect(t.app, proctor, sittingId);
    sockets.push(watch);
    expect(ours((await watch.hello()).incidents)).toEqual([...notes].reverse());
    // The candidate's own data export lists them oldest first too.
    expect(ours(await incidentsAbout(t.database.db, [casey]))).toEqual(notes);
  });
});
