import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCTOR_PROTOCOL_VERSION, closeCodes } from '@exam/shared/protocol';
import type { FaultDatabase, SeededCandidate, ServerProcess } from './harness/index.js';
import { enrolmentOf, newSession, proctorAction, RecordingSocket } from './harness/instances.js';
import {
  ofType,
  startTwoInstances,
  stopTwoInstances,
  WAIT_MS,
  welcomedOn,
  WITHIN_MS,
  type Message,
} from './harness/two-instances.js';

// Issue 16: two server processes on one PostgreSQL. What one instance does reaches the sockets
// held by the other within a second, through LISTEN/NOTIFY, and a stale copy on the other never
// decides a save by an outdated clock.

/** The server's answer to save `seq`: acknowledged, refused or held. */
const answerOf = (seq: number) => (m: Message) =>
  ['answer.ack', 'answer.rejected', 'answer.held'].includes(m.type as string) && m.seq === seq
    ? m
    : undefined;
const clockStatus = (status: string) =>
  ofType('clock.update', (m) => (m.clock as { status: string }).status === status);

async function candidateOn(
  instance: ServerProcess,
  cookie: string,
  start: boolean,
): Promise<RecordingSocket> {
  const { socket, since } = await welcomedOn(instance, cookie);
  if (start) {
    socket.send({ type: 'part.start', part: 1 });
    await socket.next(clockStatus('running'), since, WAIT_MS);
  }
  return socket;
}

describe.skipIf(!process.env.TEST_DATABASE_URL && !process.env.CI)(
  'two instances on one PostgreSQL (needs TEST_DATABASE_URL)',
  () => {
    let database: FaultDatabase;
    let a: ServerProcess;
    let b: ServerProcess;
    let seats: SeededCandidate[];
    let admin: { userId: string; cookie: string };
    const sockets: RecordingSocket[] = [];

    beforeAll(async () => {
      ({ database, a, b, seats, admin } = await startTwoInstances(4));
    }, 90_000);

    afterAll(() => stopTwoInstances({ database, a, b }, sockets));

    it('carries pause, extra time and termination given on A to a candidate on B within 1 s, and B refuses a save the moved clock forbids', async () => {
      const seat = seats[0]!;
      const { enrolmentId } = await enrolmentOf(database.database.db, seat.candidateId);
      const candidate = await candidateOn(b, seat.cookie, true);
      sockets.push(candidate);
      const action = (name: string, body: Message) =>
        proctorAction(a, admin.cookie, `/api/proctoring/enrolments/${enrolmentId}/${name}`, body);

      // Paused on A; a save sent to B at once, before B can have heard, is still refused: B's
      // cached clock says running, but the version in the save's statement does not match.
      let since = Date.now();
      await action('pause', { reason: 'fire alarm' });
      candidate.send({ type: 'answer.save', seq: 1, position: 1, choice: 0, flagged: false });
      const refused = await candidate.next(answerOf(1), since, WAIT_MS);
      expect(refused.value).toMatchObject({ type: 'answer.rejected', seq: 1, code: 'PART_PAUSED' });
      const paused = await candidate.next(clockStatus('paused'), since, WAIT_MS);
      expect(paused.at - since).toBeLessThan(WITHIN_MS);

      since = Date.now();
      await action('resume', { reason: 'all clear' });
      const resumed = await candidate.next(clockStatus('running'), since, WAIT_MS);
      expect(resumed.at - since).toBeLessThan(WITHIN_MS);
      const before = (resumed.value.clock as { deadline: number }).deadline;

      since = Date.now();
      await action('extend', { minutes: 5, reason: 'lost time to the alarm' });
      const extended = await candidate.next(
        ofType('clock.update', (m) => (m.clock as { deadline: number }).deadline > before),
        since,
        WAIT_MS,
      );
      expect(extended.at - since).toBeLessThan(WITHIN_MS);
      expect((extended.value.clock as { deadline: number }).deadline - before).toBe(5 * 60_000);
      candidate.send({ type: 'answer.save', seq: 2, position: 1, choice: 1, flagged: false });
      await candidate.next(
        ofType('answer.ack', (m) => m.seq === 2),
        since,
        WAIT_MS,
      );

      since = Date.now();
      await action('end', { reason: 'misconduct' });
      candidate.send({ type: 'answer.save', seq: 3, position: 2, choice: 1, flagged: false });
      const ended = await candidate.next(ofType('part.closed'), since, WAIT_MS);
      expect(ended.at - since).toBeLessThan(WITHIN_MS);
      expect(ended.value).toMatchObject({ part: 1, status: 'ended' });
      const late = await candidate.next(answerOf(3), since, WAIT_MS);
      expect(late.value).toMatchObject({ type: 'answer.rejected', seq: 3, code: 'PART_CLOSED' });
    });

    it("shows on A's dashboard the progress of a candidate connected to B, and an incident recorded on B, within 1 s", async () => {
      const seat = seats[1]!;
      const { enrolmentId, sittingId } = await enrolmentOf(database.database.db, seat.candidateId);
      const dashboard = new RecordingSocket(
        `${a.baseUrl.replace('http', 'ws')}/ws/proctor?sitting=${sittingId}`,
        a.baseUrl,
        admin.cookie,
      );
      sockets.push(dashboard);
      await dashboard.opened;
      dashboard.send({ type: 'hello', protocolVersion: PROCTOR_PROTOCOL_VERSION });
      await dashboard.next(ofType('dashboard.snapshot'), 0, WAIT_MS);
      const candidate = await candidateOn(b, seat.cookie, true);
      sockets.push(candidate);

      candidate.send({ type: 'answer.save', seq: 1, position: 3, choice: 2, flagged: false });
      const acked = await candidate.next(ofType('answer.ack'), 0, WAIT_MS);
      const row = await dashboard.next(
        ofType('candidate.update', (m) => {
          const c = m.candidate as { enrolmentId: string; answered: number };
          return c.enrolmentId === enrolmentId && c.answered === 1;
        }),
        acked.at - 50,
        WAIT_MS,
      );
      expect(row.at - acked.at).toBeLessThan(WITHIN_MS);

      // An incident recorded through B appears on A's dashboard too.
      const since = Date.now();
      await proctorAction(b, admin.cookie, `/api/proctoring/sittings/${sittingId}/incidents`, {
        enrolmentId,
        category: 'technical',
        note: 'Screen froze on instance B',
      });
      const incident = await dashboard.next(
        ofType('incident.recorded', (m) =>
          JSON.stringify(m).includes('Screen froze on instance B'),
        ),
        since,
        WAIT_MS,
      );
      expect(incident.at - since).toBeLessThan(WITHIN_MS);
    });

    it("closes the first device's socket on A with the takeover code when a second sign-in opens the exam on B", async () => {
      const seat = seats[2]!;
      const first = await candidateOn(a, seat.cookie, false);
      sockets.push(first);
      const secondCookie = await newSession(database.database.db, seat.candidateId);
      const since = Date.now();
      const second = await candidateOn(b, secondCookie, false);
      sockets.push(second);
      const closed = await first.closed(WAIT_MS);
      expect(closed.code).toBe(closeCodes.TAKEN_OVER);
      expect(closed.at - since).toBeLessThan(WITHIN_MS);
      expect(second.closedWith).toBeUndefined();
    });
  },
);
