import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeCodes, DRAFT_MAX_FRAME_BYTES } from '@exam/shared/protocol';
import {
  attemptEvents,
  attemptParts,
  candidateProfiles,
  responseSnapshots,
  responses,
  serverHeartbeat,
  users,
} from '../src/db/schema/index.js';
import { ExamSocket, fixedForm, helloInPartTwo, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

const form = fixedForm();
let t: TestApp;
const open: ExamSocket[] = [];

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map(paragraph) });

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  // Morgan is a Mentor whose track was never recorded: no Part Two variant applies.
  const [morgan] = await t.database.db
    .select()
    .from(users)
    .where(eq(users.email, 'mentor.policy@demo.test'));
  await t.database.db
    .update(candidateProfiles)
    .set({ track: null })
    .where(eq(candidateProfiles.userId, morgan!.id));
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test', 'mentor.research@demo.test'],
    vignetteSets: true,
  });
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
afterAll(() => t.close());

/** One sign-in per candidate: another sign-in would need a proctor's resume code to take over. */
const sessions = new Map<string, string>();

/** Signs in, finishes Part One, starts Part Two; returns the socket and the Part Two welcome. */
async function inPartTwo(email: string) {
  const cookie = sessions.get(email) ?? (await loginAs(t.app, email));
  sessions.set(email, cookie);
  const socket = await ExamSocket.connect(t.app, cookie);
  open.push(socket);
  const welcome = await helloInPartTwo(socket);
  return { socket, welcome };
}

async function stored(email: string, vignette: number) {
  const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
  const context = await t.app.exam.delivery.openForCandidate(user!.id);
  const rows = await t.database.db
    .select()
    .from(responses)
    .where(and(eq(responses.attemptId, context.attemptId), eq(responses.vignette, vignette)));
  return { row: rows[0], attemptId: context.attemptId };
}

describe('Part Two drafts', () => {
  it('shows the set for the candidate once Part One closes', async () => {
    const { welcome } = await inPartTwo('candidate@demo.test');
    const partTwo = welcome.attempt.partTwo;
    expect(partTwo?.vignettes).toHaveLength(3);
    expect(partTwo?.requiredCount).toBe(2);
    expect(partTwo?.policies.paste).toBe('plain-text');
    expect(JSON.stringify(welcome)).not.toMatch(/domains|rubric/i);
  });

  it('stores a draft, then only newer revisions; replays are acknowledged and change nothing', async () => {
    const { socket } = await inPartTwo('candidate@demo.test');
    socket.send({ type: 'draft.save', vignette: 1, revision: 2, doc: doc('second thoughts') });
    await socket.next('draft.ack', (m) => m.revision === 2);
    socket.send({ type: 'draft.save', vignette: 1, revision: 1, doc: doc('first thoughts') });
    await socket.next('draft.ack', (m) => m.revision === 1);
    socket.send({ type: 'draft.save', vignette: 1, revision: 2, doc: doc('second thoughts') });
    await socket.next('draft.ack', (m) => m.revision === 2);
    const { row } = await stored('candidate@demo.test', 1);
    expect(row).toMatchObject({ revision: 2, words: 2 });
    expect(JSON.stringify(row?.doc)).toContain('second thoughts');
  });

  it('refuses the attack documents with a clear code and stores nothing', async () => {
    const { socket } = await inPartTwo('candidate@demo.test');
    const attacks: unknown[] = [
      {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: 'x',
                marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
              },
            ],
          },
        ],
      },
      {
        type: 'doc',
        content: [{ type: 'image', attrs: { src: 'data:text/html;base64,PHNjcmlwdD4=' } }],
      },
      { type: 'doc', content: [{ type: 'script', content: [] }] },
      {
        type: 'doc',
        content: [{ type: 'paragraph', attrs: { onclick: 'alert(1)' }, content: [] }],
      },
      JSON.parse('{"type":"doc","content":[],"__proto__":{"polluted":true}}'),
      { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [] }] },
      {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: { not: 'a string' } }] }],
      },
    ];
    let revision = 100;
    for (const attack of attacks) {
      revision += 1;
      socket.send({ type: 'draft.save', vignette: 2, revision, doc: attack });
      const rejected = await socket.next('draft.rejected', (m) => m.revision === revision);
      expect(rejected.code).toMatch(/^ESSAY_/);
    }
    // 10,000-deep nesting, written out by hand (JSON.stringify itself would overflow the stack).
    const deep =
      '{"type":"paragraph","content":['.repeat(10_000) +
      '{"type":"text","text":"x"}' +
      ']}'.repeat(10_000);
    socket.ws.send(
      `{"type":"draft.save","vignette":2,"revision":999,"doc":{"type":"doc","content":[${deep}]}}`,
    );
    const refusals = [
      socket.next('draft.rejected', (m) => m.revision === 999).then((m) => m.code),
      socket.next('error').then((m) => m.code),
    ];
    for (const pending of refusals) pending.catch(() => undefined);
    const refusal = await Promise.race(refusals);
    expect(refusal).toMatch(/ESSAY_TOO_DEEP|BAD_MESSAGE/);
    expect((await stored('candidate@demo.test', 2)).row).toBeUndefined();
    expect(socket.closeCode).toBeUndefined();
  });

  it('accepts a 5,000-word response and cuts off a frame over the draft cap', async () => {
    const { socket } = await inPartTwo('candidate@demo.test');
    const words = Array.from(
      { length: 100 },
      (_, i) => `Paragraph ${i} ` + 'reflective practice matters '.repeat(16),
    );
    socket.send({ type: 'draft.save', vignette: 3, revision: 1, doc: doc(...words) });
    await socket.next('draft.ack', (m) => m.vignette === 3);
    expect((await stored('candidate@demo.test', 3)).row?.words).toBeGreaterThanOrEqual(5000);
    socket.ws.send('x'.repeat(DRAFT_MAX_FRAME_BYTES + 1));
    // Past the socket's cap ws itself closes with 1009 (message too big), as our own part cap does.
    expect(await socket.closed()).toBe(closeCodes.MESSAGE_TOO_BIG);
  });

  it('keeps a snapshot at most a minute apart', async () => {
    const { socket } = await inPartTwo('mentor.research@demo.test');
    const send = async (revision: number) => {
      socket.send({ type: 'draft.save', vignette: 1, revision, doc: doc(`version ${revision}`) });
      await socket.next('draft.ack', (m) => m.revision === revision);
    };
    await send(1);
    t.clock.advance(30_000);
    await send(2);
    t.clock.advance(31_000);
    await send(3);
    const { attemptId } = await stored('mentor.research@demo.test', 1);
    const snapshots = await t.database.db
      .select()
      .from(responseSnapshots)
      .where(and(eq(responseSnapshots.attemptId, attemptId), eq(responseSnapshots.vignette, 1)));
    expect(snapshots.map((s) => s.revision)).toEqual([1, 3]);
  });
});

describe('choosing vignettes', () => {
  it('records every change and stops a submit with the wrong number chosen', async () => {
    const { socket } = await inPartTwo('candidate@demo.test');
    socket.send({ type: 'choice.set', revision: 1, chosen: [1] });
    await socket.next('choice.ack');
    socket.send({ type: 'part.submit', part: 2 });
    const refused = await socket.next('error', (m) => m.code === 'WRONG_CHOICE_COUNT');
    expect(refused.message).toContain('Choose exactly 2');
    socket.send({ type: 'choice.set', revision: 2, chosen: [1, 3] });
    await socket.next('choice.ack', (m) => m.revision === 2);
    socket.send({ type: 'choice.set', revision: 3, chosen: [9] });
    expect((await socket.next('choice.rejected')).code).toBe('UNKNOWN_VIGNETTE');
    const { attemptId } = await stored('candidate@demo.test', 1);
    const choices = await t.database.db
      .select()
      .from(attemptEvents)
      .where(and(eq(attemptEvents.attemptId, attemptId), eq(attemptEvents.type, 'choice')));
    expect(choices.map((c) => c.details)).toEqual([{ chosen: [1] }, { chosen: [1, 3] }]);
  });

  it('says why an enrolment without a variant cannot start Part Two', async () => {
    const { socket, welcome } = await inPartTwo('mentor.policy@demo.test');
    expect(welcome.attempt.partTwoProblem).toMatch(/Mentor without a track/);
    expect(welcome.attempt.partTwo).toBeNull();
    socket.send({ type: 'part.start', part: 2 });
    expect((await socket.next('error')).code).toBe('PART_TWO_UNAVAILABLE');
  });
});

describe('the deadline', () => {
  it('closes Part Two with the last acknowledged drafts and snapshots them', async () => {
    const { socket } = await inPartTwo('mentor.research@demo.test');
    socket.send({
      type: 'draft.save',
      vignette: 2,
      revision: 7,
      doc: doc('final words before time'),
    });
    await socket.next('draft.ack', (m) => m.revision === 7);
    const { attemptId } = await stored('mentor.research@demo.test', 2);
    const context = await t.app.exam.delivery.loadContext(attemptId);
    const deadline = t.app.exam.delivery.clockOf(context, 2).deadline!;
    t.clock.set(deadline + 6000);
    await t.database.db
      .update(serverHeartbeat)
      .set({ lastBeatAt: new Date(t.clock.now().getTime() - 1000) });
    await t.app.exam.sweeper.tick();
    const closed = await socket.next('part.closed', (m) => m.part === 2);
    expect(closed.status).toBe('expired');
    const [part] = await t.database.db
      .select()
      .from(attemptParts)
      .where(and(eq(attemptParts.attemptId, attemptId), eq(attemptParts.part, 2)));
    expect(part?.closedStatus).toBe('expired');
    const finals = await t.database.db
      .select()
      .from(responseSnapshots)
      .where(
        and(eq(responseSnapshots.attemptId, attemptId), eq(responseSnapshots.reason, 'submit')),
      );
    expect(finals.find((s) => s.vignette === 2)?.revision).toBe(7);
    socket.send({ type: 'draft.save', vignette: 2, revision: 8, doc: doc('too late') });
    // Held for a proctor, not stored and not acknowledged (late-changes.test.ts).
    expect((await socket.next('draft.held')).code).toBe('LATE_HELD');
  });
});
