import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  draftPatches,
  responseSnapshots,
  responses,
  serverHeartbeat,
  users,
} from '../src/db/schema/index.js';
import { ExamSocket, fixedForm, helloInPartTwo, seedOpenSitting } from './helpers/exam-fixture.js';
import { createTestApp, loginAs, TEST_ORIGIN, type TestApp } from './helpers/test-app.js';

const form = fixedForm();
let t: TestApp;
const open: ExamSocket[] = [];
const sessions = new Map<string, string>();

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});
/** The step tiptap makes for typing `text` at position `at` (1 is the start of paragraph one). */
const typing = (at: number, text: string) => ({
  stepType: 'replace',
  from: at,
  to: at,
  slice: { content: [{ type: 'text', text }] },
});
const textOf = (value: unknown) => JSON.stringify(value).match(/"text":"([^"]*)"/)?.[1];

beforeAll(async () => {
  t = await createTestApp({ forms: form.source, listen: true });
  await seedOpenSitting(t.database.db, {
    formId: form.formId,
    emails: [
      'candidate@demo.test',
      'mentor.policy@demo.test',
      'mentor.research@demo.test',
      'mentor.clinical@demo.test',
    ],
    vignetteSets: true,
  });
});
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
afterAll(() => t.close());

/** Signs in (once per candidate), finishes Part One and starts Part Two. */
async function inPartTwo(email: string) {
  const cookie = sessions.get(email) ?? (await loginAs(t.app, email));
  sessions.set(email, cookie);
  const socket = await ExamSocket.connect(t.app, cookie);
  open.push(socket);
  const welcome = await helloInPartTwo(socket);
  const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
  const { attemptId } = await t.app.exam.delivery.openForCandidate(user!.id);
  return { socket, welcome, attemptId };
}

async function rows(attemptId: string, vignette: number) {
  const where = (table: typeof responses | typeof draftPatches) =>
    and(eq(table.attemptId, attemptId), eq(table.vignette, vignette));
  const [response] = await t.database.db.select().from(responses).where(where(responses));
  const patches = await t.database.db.select().from(draftPatches).where(where(draftPatches));
  return { response, patches };
}

/** Sends a patch (to vignette 1 unless it says otherwise) without waiting for its answer. */
function sendPatch(socket: ExamSocket, message: Record<string, unknown>) {
  socket.send({ type: 'draft.patch', vignette: 1, ...message });
}

/** Sends a patch and resolves with 'ack' or the refusal's code. */
async function patch(socket: ExamSocket, message: Record<string, unknown>) {
  sendPatch(socket, message);
  const revision = message.revision as number;
  return Promise.race([
    socket.next('draft.ack', (m) => m.revision === revision).then(() => 'ack'),
    socket.next('draft.rejected', (m) => m.revision === revision).then((m) => m.code),
  ]);
}

describe('draft patches', () => {
  it('acknowledges patches once stored, and a new connection is welcomed with them applied', async () => {
    const { socket, attemptId } = await inPartTwo('candidate@demo.test');
    socket.send({ type: 'draft.save', vignette: 1, revision: 1, doc: doc('Hello') });
    await socket.next('draft.ack', (m) => m.revision === 1);
    expect(
      await patch(socket, { base: 1, revision: 2, size: 11, steps: [typing(6, ' wor')] }),
    ).toBe('ack');
    expect(await patch(socket, { base: 2, revision: 3, size: 13, steps: [typing(10, 'ld')] })).toBe(
      'ack',
    );
    const stored = await rows(attemptId, 1);
    expect(stored.response?.revision).toBe(1);
    expect(stored.patches.map((p) => p.revision)).toEqual([2, 3]);

    // Typing is logged in its compact form; the candidate's own export gives the steps as the
    // editor made them.
    expect(stored.patches[0]!.steps).toEqual([[6, ' wor']]);
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/my-data',
      headers: { origin: TEST_ORIGIN, cookie: sessions.get('candidate@demo.test')! },
    });
    const attempt = exported
      .json()
      .attempts.find((a: { draftPatches: unknown[] }) => a.draftPatches.length > 0);
    expect(attempt.draftPatches.map((p: { steps: unknown[] }) => p.steps)).toEqual([
      [typing(6, ' wor')],
      [typing(10, 'ld')],
    ]);

    socket.close();
    const again = await inPartTwo('candidate@demo.test');
    const response = again.welcome.attempt.partTwo?.responses.find((r) => r.vignette === 1);
    expect(response?.revision).toBe(3);
    expect(textOf(response?.doc)).toBe('Hello world');
    // This connection holds no head yet: its first patch must follow a whole draft.
    expect(
      await patch(again.socket, { base: 3, revision: 4, size: 14, steps: [typing(12, '!')] }),
    ).toBe('PATCH_BASE_MISMATCH');
  });

  it('refuses a patch on the wrong base or with an attack step, storing nothing', async () => {
    const { socket, attemptId } = await inPartTwo('mentor.policy@demo.test');
    socket.send({ type: 'draft.save', vignette: 1, revision: 5, doc: doc('Plan') });
    await socket.next('draft.ack', (m) => m.revision === 5);
    expect(await patch(socket, { base: 4, revision: 6, size: 7, steps: [typing(5, 's')] })).toBe(
      'PATCH_BASE_MISMATCH',
    );
    const attacks = [
      { ...typing(5, 'x'), slice: { content: [{ type: 'image', attrs: { src: 'x' } }] } },
      {
        stepType: 'addMark',
        from: 1,
        to: 3,
        mark: { type: 'link', attrs: { href: 'javascript:x' } },
      },
      JSON.parse('{"stepType":"replace","from":1,"to":1,"__proto__":{"polluted":true}}'),
      typing(99, 'x'),
    ];
    for (const step of attacks)
      expect(await patch(socket, { base: 5, revision: 6, size: 7, steps: [step] })).toBe(
        'PATCH_REFUSED',
      );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await rows(attemptId, 1)).patches).toEqual([]);
    // The head is untouched: a good patch still applies to it.
    expect(await patch(socket, { base: 5, revision: 6, size: 7, steps: [typing(5, 's')] })).toBe(
      'ack',
    );
    // The same frame again is a replay: acknowledged, stored once.
    expect(await patch(socket, { base: 5, revision: 6, size: 7, steps: [typing(5, 's')] })).toBe(
      'ack',
    );
    expect((await rows(attemptId, 1)).patches).toHaveLength(1);
    // A patch whose result differs from what the editor says it holds is refused.
    expect(await patch(socket, { base: 6, revision: 7, size: 99, steps: [typing(6, '!')] })).toBe(
      'PATCH_REFUSED',
    );
    expect((await rows(attemptId, 1)).patches).toHaveLength(1);
  });

  it('takes a whole draft and the patches after it sent back to back, before any ack', async () => {
    const { socket, attemptId } = await inPartTwo('candidate@demo.test');
    socket.send({ type: 'draft.save', vignette: 3, revision: 20, doc: doc('One') });
    let text = 'One';
    for (const [revision, typed] of [
      [21, ' two'],
      [22, ' three'],
      [23, ' four'],
    ] as const) {
      sendPatch(socket, {
        vignette: 3,
        base: revision - 1,
        revision,
        size: text.length + typed.length + 2,
        steps: [typing(text.length + 1, typed)],
      });
      text += typed;
    }
    for (const revision of [20, 21, 22, 23])
      await socket.next('draft.ack', (m) => m.revision === revision);
    const stored = await rows(attemptId, 3);
    expect(stored.response?.revision).toBe(20);
    // Patches that waited for the same batch may be stored as one row; each folded revision is
    // kept in its marks (revision, running step count), so all three stay reachable.
    const revisions = stored.patches
      .sort((a, b) => a.revision - b.revision)
      .flatMap((p) => [...(p.marks ?? []).filter((_, i) => i % 2 === 0), p.revision]);
    expect(stored.patches[0]?.base).toBe(20);
    expect(revisions).toEqual([21, 22, 23]);
    socket.close();
    const again = await inPartTwo('candidate@demo.test');
    const response = again.welcome.attempt.partTwo?.responses.find((r) => r.vignette === 3);
    expect(response).toMatchObject({ revision: 23, words: 4 });
    expect(textOf(response?.doc)).toBe('One two three four');
  });

  it('a coordinator restore is numbered above the patches and replaces them', async () => {
    const { socket, attemptId } = await inPartTwo('mentor.policy@demo.test');
    socket.send({ type: 'draft.save', vignette: 2, revision: 10, doc: doc('Kept') });
    await socket.next('draft.ack', (m) => m.revision === 10);
    const steps = [typing(5, ' then lost')];
    expect(await patch(socket, { vignette: 2, base: 10, revision: 11, size: 16, steps })).toBe(
      'ack',
    );
    const coordinator = await loginAs(t.app, 'coordinator@demo.test');
    const history = await t.app.inject({
      url: `/api/attempts/${attemptId}/responses/2/history`,
      headers: { cookie: coordinator },
    });
    // The history's current version already has the acknowledged patch in it.
    expect(history.json().current).toMatchObject({ revision: 11, words: 3 });
    const restored = await t.app.inject({
      method: 'POST',
      url: `/api/attempts/${attemptId}/responses/2/restore`,
      headers: { cookie: coordinator, origin: TEST_ORIGIN },
      payload: { snapshotId: history.json().snapshots[0].id, reason: 'incident 7: text lost' },
    });
    expect(restored.statusCode).toBe(200);
    const { response, patches } = await rows(attemptId, 2);
    expect(response?.revision).toBe(12);
    expect(textOf(response?.doc)).toBe('Kept');
    expect(patches).toEqual([]);
    const welcome = await socket.next('welcome');
    expect(welcome.attempt.partTwo?.responses.find((r) => r.vignette === 2)?.revision).toBe(12);
    // The connection starts again from a whole draft: nothing builds on what was replaced.
    expect(
      await patch(socket, {
        vignette: 2,
        base: 11,
        revision: 13,
        size: 17,
        steps: [typing(16, '!')],
      }),
    ).toBe('PATCH_BASE_MISMATCH');
  });

  it('a malformed patch gets a clear error and changes nothing', async () => {
    const { socket } = await inPartTwo('mentor.policy@demo.test');
    sendPatch(socket, { base: 7, revision: 7, size: 3, steps: [typing(1, 'x')] });
    const error = await socket.next('error');
    expect(error.code).toBe('BAD_MESSAGE');
    expect(error.message).toMatch(/revision must be above base/);
  });

  it('a whole draft supersedes older patches, kept as history; the server checkpoints long runs itself', async () => {
    const { socket, attemptId } = await inPartTwo('mentor.research@demo.test');
    socket.send({ type: 'draft.save', vignette: 1, revision: 1, doc: doc('a') });
    await socket.next('draft.ack', (m) => m.revision === 1);
    expect(await patch(socket, { base: 1, revision: 2, size: 4, steps: [typing(2, 'b')] })).toBe(
      'ack',
    );
    socket.send({ type: 'draft.save', vignette: 1, revision: 3, doc: doc('abc') });
    await socket.next('draft.ack', (m) => m.revision === 3);
    // Revision 2 stays reachable in the history; readers skip it, the draft being newer.
    expect((await rows(attemptId, 1)).patches.map((p) => p.revision)).toEqual([2]);

    // Three minutes of patches later (the most a checkpoint waits), the server stores the
    // patched document as a draft itself.
    expect(await patch(socket, { base: 3, revision: 4, size: 6, steps: [typing(4, 'd')] })).toBe(
      'ack',
    );
    t.clock.advance(181_000);
    expect(await patch(socket, { base: 4, revision: 5, size: 7, steps: [typing(5, 'e')] })).toBe(
      'ack',
    );
    await expect
      .poll(async () => (await rows(attemptId, 1)).response?.revision, { timeout: 5000 })
      .toBe(5);
    const after = await rows(attemptId, 1);
    expect(textOf(after.response?.doc)).toBe('abcde');
    expect(after.response?.words).toBe(1);
    expect(after.patches.map((p) => p.revision).sort()).toEqual([2, 4, 5]);
    // A new connection is welcomed with the checkpoint, not the superseded patches on top of it.
    const { welcome } = await inPartTwo('mentor.research@demo.test');
    const response = welcome.attempt.partTwo?.responses.find((r) => r.vignette === 1);
    expect(response?.revision).toBe(5);
    expect(textOf(response?.doc)).toBe('abcde');
  });

  it('closing Part Two folds acknowledged patches into the graded response', async () => {
    const { socket, attemptId } = await inPartTwo('mentor.clinical@demo.test');
    socket.send({ type: 'draft.save', vignette: 2, revision: 1, doc: doc('Final') });
    await socket.next('draft.ack', (m) => m.revision === 1);
    const steps = [typing(6, ' words')];
    expect(await patch(socket, { vignette: 2, base: 1, revision: 2, size: 13, steps })).toBe('ack');

    const context = await t.app.exam.delivery.loadContext(attemptId);
    const deadline = t.app.exam.delivery.clockOf(context, 2).deadline!;
    t.clock.set(deadline + 6000);
    await t.database.db
      .update(serverHeartbeat)
      .set({ lastBeatAt: new Date(t.clock.now().getTime() - 1000) });
    await t.app.exam.sweeper.tick();
    await socket.next('part.closed', (m) => m.part === 2);

    const { response, patches } = await rows(attemptId, 2);
    expect(response).toMatchObject({ revision: 2, words: 2 });
    expect(textOf(response?.doc)).toBe('Final words');
    // Folded into the response and kept as its history.
    expect(patches.map((p) => p.revision)).toEqual([2]);
    const finals = await t.database.db
      .select()
      .from(responseSnapshots)
      .where(
        and(eq(responseSnapshots.attemptId, attemptId), eq(responseSnapshots.reason, 'submit')),
      );
    expect(finals.find((s) => s.vignette === 2)?.revision).toBe(2);
    expect(
      await patch(socket, {
        vignette: 2,
        base: 2,
        revision: 3,
        size: 14,
        steps: [typing(12, '!')],
      }),
      // The client then sends the whole draft, which is held for a proctor.
    ).toBe('LATE_SEND_WHOLE');
  });
});
