import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultDatabase, SeededCandidate, ServerProcess } from './harness/index.js';
import { enrolmentOf, proctorAction, type RecordingSocket } from './harness/instances.js';
import {
  ofType,
  startTwoInstances,
  stopTwoInstances,
  WAIT_MS,
  welcomedOn,
  WITHIN_MS,
  type Message,
} from './harness/two-instances.js';

// Issue 16, Part Two: a proctor acts through instance A on a candidate writing Part Two on
// instance B. Drafts, patches and the vignette choice sent to B at once, before B can have heard
// of it, are refused by the moved clock: B's cached copy is checked against the part's version.

/** The server's answer to draft or patch `revision`: acknowledged, refused or held. */
const draftAnswer = (revision: number) => (m: Message) =>
  ['draft.ack', 'draft.rejected', 'draft.held'].includes(m.type as string) &&
  m.revision === revision
    ? m
    : undefined;
const choiceAnswer = (revision: number) => (m: Message) =>
  ['choice.ack', 'choice.rejected', 'choice.held'].includes(m.type as string) &&
  m.revision === revision
    ? m
    : undefined;
const partTwoClock = (status: string) =>
  ofType('clock.update', (m) => {
    const clock = m.clock as { part: number; status: string };
    return clock.part === 2 && clock.status === status;
  });

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
/** Typing `text` at the end of a one-paragraph document of `length` characters. */
const typing = (base: number, revision: number, length: number, text: string) => ({
  type: 'draft.patch',
  vignette: 1,
  base,
  revision,
  size: length + text.length + 2,
  steps: [
    {
      stepType: 'replace',
      from: length + 1,
      to: length + 1,
      slice: { content: [{ type: 'text', text }] },
    },
  ],
});

/** A candidate on `instance` who has submitted Part One and started Part Two. */
async function inPartTwo(instance: ServerProcess, cookie: string): Promise<RecordingSocket> {
  const { socket, since } = await welcomedOn(instance, cookie);
  socket.send({ type: 'part.start', part: 1 });
  await socket.next(
    ofType('clock.update', (m) => (m.clock as { status: string }).status === 'running'),
    since,
    WAIT_MS,
  );
  const submitted = Date.now();
  socket.send({ type: 'part.submit', part: 1 });
  // Part One's closing is followed by a welcome that carries Part Two.
  await socket.next(
    ofType('welcome', (m) => (m.attempt as { partTwo: unknown }).partTwo !== null),
    submitted,
    WAIT_MS,
  );
  socket.send({ type: 'part.start', part: 2 });
  await socket.next(partTwoClock('running'), submitted, WAIT_MS);
  return socket;
}

describe.skipIf(!process.env.TEST_DATABASE_URL && !process.env.CI)(
  'Part Two on two instances on one PostgreSQL (needs TEST_DATABASE_URL)',
  () => {
    let database: FaultDatabase;
    let a: ServerProcess;
    let b: ServerProcess;
    let seats: SeededCandidate[];
    let admin: { userId: string; cookie: string };
    const sockets: RecordingSocket[] = [];

    beforeAll(async () => {
      ({ database, a, b, seats, admin } = await startTwoInstances(1, { vignetteSets: true }));
    }, 90_000);

    afterAll(() => stopTwoInstances({ database, a, b }, sockets));

    it('refuses on B a draft, a patch and a choice that a pause or an end given on A forbids', async () => {
      const seat = seats[0]!;
      const { enrolmentId } = await enrolmentOf(database.database.db, seat.candidateId);
      const candidate = await inPartTwo(b, seat.cookie);
      sockets.push(candidate);
      const action = (name: string, body: Message) =>
        proctorAction(a, admin.cookie, `/api/proctoring/enrolments/${enrolmentId}/${name}`, body);
      const draft = (revision: number, text: string) =>
        candidate.send({ type: 'draft.save', vignette: 1, revision, doc: doc(text) });

      let since = Date.now();
      draft(1, 'Opening');
      expect((await candidate.next(draftAnswer(1), since, WAIT_MS)).value.type).toBe('draft.ack');

      // Paused on A; B is asked at once, before its cached clock can have heard.
      since = Date.now();
      await action('pause', { reason: 'fire alarm' });
      draft(2, 'During the alarm');
      candidate.send({ type: 'choice.set', revision: 1, chosen: [1, 2] });
      const refused = await candidate.next(draftAnswer(2), since, WAIT_MS);
      expect(refused.value).toMatchObject({ type: 'draft.rejected', code: 'PART_PAUSED' });
      const choice = await candidate.next(choiceAnswer(1), since, WAIT_MS);
      expect(choice.value).toMatchObject({ type: 'choice.rejected', code: 'PART_PAUSED' });
      const paused = await candidate.next(partTwoClock('paused'), since, WAIT_MS);
      expect(paused.at - since).toBeLessThan(WITHIN_MS);

      since = Date.now();
      await action('resume', { reason: 'all clear' });
      await candidate.next(partTwoClock('running'), since, WAIT_MS);
      draft(3, 'After');
      expect((await candidate.next(draftAnswer(3), since, WAIT_MS)).value.type).toBe('draft.ack');
      candidate.send(typing(3, 4, 'After'.length, ' the alarm'));
      expect((await candidate.next(draftAnswer(4), since, WAIT_MS)).value.type).toBe('draft.ack');

      // Ended on A; a patch and a whole draft sent to B at once are refused, not stored.
      since = Date.now();
      await action('end', { reason: 'misconduct' });
      candidate.send(typing(4, 5, 'After the alarm'.length, '.'));
      draft(6, 'After the end');
      const patch = await candidate.next(draftAnswer(5), since, WAIT_MS);
      expect(patch.value).toMatchObject({ type: 'draft.rejected', code: 'PART_CLOSED' });
      const whole = await candidate.next(draftAnswer(6), since, WAIT_MS);
      expect(whole.value).toMatchObject({ type: 'draft.rejected', code: 'PART_CLOSED' });
      const ended = await candidate.next(
        ofType('part.closed', (m) => m.part === 2),
        since,
        WAIT_MS,
      );
      expect(ended.value).toMatchObject({ status: 'ended' });

      // What is graded is what was acknowledged, and nothing after.
      const rows = await database.database.pool!.query<{ revision: number; doc: unknown }>(
        `SELECT r.revision, r.doc FROM responses r JOIN attempts t ON t.id = r.attempt_id
         JOIN enrolments e ON e.id = t.enrolment_id WHERE e.id = $1`,
        [enrolmentId],
      );
      expect(rows.rows.map((r) => r.revision)).toEqual([4]);
      expect(JSON.stringify(rows.rows[0]?.doc)).toContain('After the alarm');
    });
  },
);
