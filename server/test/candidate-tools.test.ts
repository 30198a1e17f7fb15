import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HIGHLIGHTS, NOTE_MAX_CHARS } from '@exam/shared/protocol';
import { associationScope, withinScope } from '../src/db/association-scope.js';
import {
  associations,
  attemptItemTools,
  DEFAULT_ASSOCIATION_ID,
  DEFAULT_PROGRAMME_ID,
} from '../src/db/schema/index.js';
import { ExamSocket, fixedForm, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Candidate tools (struck options, highlights, notes, display preference): stored only once
 * committed, restored in the welcome on another device, capped with a clear refusal, refused
 * after the deadline, and never reaching another candidate's or another association's attempt.
 */
const form = fixedForm();
let t: TestApp;
let casey: string;
let morgan: string;
const open: ExamSocket[] = [];

async function connect(cookie: string) {
  const socket = await ExamSocket.connect(t.app, cookie);
  open.push(socket);
  return socket;
}

async function startedSocket(cookie: string) {
  const socket = await connect(cookie);
  const welcome = await socket.hello();
  let deadline = welcome.attempt.parts[0]?.deadline ?? null;
  if (welcome.attempt.parts[0]?.status === 'not-started') {
    socket.send({ type: 'part.start', part: 1 });
    deadline = (await socket.next('clock.update')).clock.deadline;
  }
  return { socket, welcome, deadline: deadline! };
}

const tools = (revision: number, extra: Record<string, unknown> = {}) => ({
  type: 'tools.save',
  target: 'question',
  position: 2,
  revision,
  struck: [1, 3],
  highlights: [{ field: 'stem', start: 0, end: 10 }],
  note: 'Ask about sleep first.',
  ...extra,
});

async function storedRow(attemptId: string, position: number) {
  const [row] = await t.database.db
    .select()
    .from(attemptItemTools)
    .where(
      and(
        eq(attemptItemTools.attemptId, attemptId),
        eq(attemptItemTools.target, 'question'),
        eq(attemptItemTools.position, position),
      ),
    );
  return row;
}

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: ['candidate@demo.test', 'mentor.policy@demo.test'],
  });
  casey = await loginAs(t.app, 'candidate@demo.test');
  morgan = await loginAs(t.app, 'mentor.policy@demo.test');
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
afterAll(() => t.close());

describe('candidate tools', () => {
  it('acknowledges a tools change only once it is stored, and restores it in the welcome', async () => {
    const { socket, welcome } = await startedSocket(casey);
    const { attemptId } = welcome.attempt;
    socket.send(tools(1));
    const ack = await socket.next('tools.ack');
    expect(ack).toMatchObject({ target: 'question', position: 2, revision: 1 });
    // The ack came after the commit: the row is there the moment it arrives.
    expect(await storedRow(attemptId, 2)).toMatchObject({
      revision: 1,
      struck: [1, 3],
      note: 'Ask about sleep first.',
    });

    socket.send(tools(3, { struck: [0], note: 'Changed my mind.' }));
    await socket.next('tools.ack', (m) => m.revision === 3);
    // An older change arriving late (another device's replay) is acknowledged but overwrites nothing.
    socket.send(tools(2, { struck: [], note: 'stale' }));
    await socket.next('tools.ack', (m) => m.revision === 2);
    socket.close();

    const other = await connect(casey);
    const again = await other.hello();
    expect(again.attempt.tools).toEqual([
      {
        target: 'question',
        position: 2,
        revision: 3,
        struck: [0],
        highlights: [{ field: 'stem', start: 0, end: 10 }],
        note: 'Changed my mind.',
      },
    ]);
  });

  it('stores the display preference and restores it with the accommodation apart', async () => {
    const { socket } = await startedSocket(casey);
    socket.send({ type: 'display.set', revision: 1, largeText: true, highContrast: false });
    await socket.next('display.ack', (m) => m.revision === 1);
    socket.close();
    const again = await (await connect(casey)).hello();
    expect(again.attempt.displayPreference).toEqual({
      revision: 1,
      largeText: true,
      highContrast: false,
    });
    expect(again.attempt.display.largeText).toBe(false);
  });

  it('refuses a note over its cap, too many highlights and text the item does not have', async () => {
    const { socket, welcome } = await startedSocket(casey);
    socket.send(tools(10, { position: 5, note: 'x'.repeat(NOTE_MAX_CHARS + 1) }));
    expect(await socket.next('tools.rejected', (m) => m.revision === 10)).toMatchObject({
      code: 'NOTE_TOO_LONG',
      position: 5,
    });
    const many = Array.from({ length: MAX_HIGHLIGHTS + 1 }, (_, i) => ({
      field: 'stem',
      start: i,
      end: i + 1,
    }));
    socket.send(tools(11, { position: 5, highlights: many }));
    expect((await socket.next('tools.rejected', (m) => m.revision === 11)).code).toBe(
      'TOO_MANY_HIGHLIGHTS',
    );
    socket.send(tools(12, { position: 5, highlights: [{ field: 'stem', start: 0, end: 5000 }] }));
    expect((await socket.next('tools.rejected', (m) => m.revision === 12)).code).toBe(
      'TOOLS_INVALID',
    );
    socket.send(tools(13, { position: 5, highlights: [{ field: 'case:0', start: 0, end: 2 }] }));
    expect((await socket.next('tools.rejected', (m) => m.revision === 13)).code).toBe(
      'TOOLS_INVALID',
    );
    socket.send(tools(14, { position: 61 }));
    expect((await socket.next('tools.rejected', (m) => m.revision === 14)).code).toBe(
      'UNKNOWN_QUESTION',
    );
    // Far beyond any cap, or the wrong shape, it is not a tools change at all.
    socket.send(tools(15, { position: 5, struck: [7] }));
    expect((await socket.next('error')).code).toBe('BAD_MESSAGE');
    expect(await storedRow(welcome.attempt.attemptId, 5)).toBeUndefined();
  });

  it("keeps each candidate's tools to their own attempt and association", async () => {
    const caseyAttempt = (await startedSocket(casey)).welcome.attempt.attemptId;
    const { socket, welcome } = await startedSocket(morgan);
    // The attempt is the socket's own: nothing in a message can name another candidate's.
    socket.send({ ...tools(1), attemptId: caseyAttempt });
    expect((await socket.next('error')).code).toBe('BAD_MESSAGE');
    socket.send(tools(1, { note: 'Morgan’s note' }));
    await socket.next('tools.ack');
    expect((await storedRow(welcome.attempt.attemptId, 2))?.note).toBe('Morgan’s note');
    expect((await storedRow(caseyAttempt, 2))?.note).toBe('Changed my mind.');

    const [other] = await t.database.db
      .insert(associations)
      .values({
        programmeId: DEFAULT_PROGRAMME_ID,
        name: 'Tools elsewhere',
        shortName: 'TOOLS',
        contactEmail: 'office@tools.test',
      })
      .returning({ id: associations.id });
    const count = (associationId: string) =>
      withinScope(t.database.db, associationScope(associationId), async (tx) => {
        const result = await tx.execute<{ n: number }>(
          sql`select count(*)::int as n from attempt_item_tools`,
        );
        return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
      });
    expect(await count(other!.id)).toBe(0);
    expect(await count(DEFAULT_ASSOCIATION_ID)).toBeGreaterThan(0);
  });

  it('refuses a tools change after the deadline and grace, and stores nothing', async () => {
    const { socket, welcome, deadline } = await startedSocket(casey);
    t.clock.set(deadline + t.config.SAVE_GRACE_MS + 1000);
    socket.send(tools(20, { position: 7 }));
    expect((await socket.next('tools.rejected', (m) => m.revision === 20)).code).toBe(
      'PART_CLOSED',
    );
    expect(await storedRow(welcome.attempt.attemptId, 7)).toBeUndefined();
  });
});
