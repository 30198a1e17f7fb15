import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ESSAY_BYTES } from '@exam/shared/editor';
import { saveStatusText } from '../src/features/exam/exam-state';
import { doc, inPartTwo, partTwoWelcome, settle, setup } from './helpers/fake-exam-socket';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Part Two drafts', () => {
  it('sends a draft after a second of quiet, numbered above the stored revision, once the outbox holds it', async () => {
    const { client, outbox, socket } = await inPartTwo({
      responses: [{ vignette: 1, revision: 7, doc: doc('old'), words: 1 }],
    });
    client.editDraft(1, doc('new'));
    await vi.advanceTimersByTimeAsync(900);
    client.editDraft(1, doc('newer'));
    await vi.advanceTimersByTimeAsync(999);
    expect(socket.ofType('draft.save')).toEqual([]);
    expect(client.getState().pendingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.ofType('draft.save')).toEqual([
      { type: 'draft.save', vignette: 1, revision: 8, doc: doc('newer') },
    ]);
    expect(await outbox.drafts()).toEqual([
      { vignette: 1, revision: 8, doc: doc('newer'), madeAt: expect.any(Number) },
    ]);
    client.dispose();
  });

  it('sends at least every five seconds while the candidate keeps typing', async () => {
    const { client, socket } = await inPartTwo();
    for (let i = 0; i < 12; i += 1) {
      client.editDraft(2, doc(`word ${i}`));
      await vi.advanceTimersByTimeAsync(500);
    }
    // Typing never paused for a second, yet the draft went out at the five-second mark.
    expect(socket.ofType('draft.save')).toHaveLength(1);
    expect(socket.ofType('draft.save')[0]).toMatchObject({ vignette: 2, revision: 1 });
    client.dispose();
  });

  it('sends at once when flushed (blur, switching vignette, page hide)', async () => {
    const { client, socket } = await inPartTwo();
    client.editDraft(3, doc('right away'));
    await client.flushDrafts();
    expect(socket.ofType('draft.save')).toEqual([
      { type: 'draft.save', vignette: 3, revision: 1, doc: doc('right away') },
    ]);
    client.dispose();
  });

  it('clears a kept draft only on an acknowledgement of its own revision or a later one', async () => {
    const { client, outbox, socket } = await inPartTwo();
    client.editDraft(1, doc('first'));
    await client.flushDrafts();
    client.editDraft(1, doc('second'));
    await client.flushDrafts();
    socket.receive({ type: 'draft.ack', vignette: 1, revision: 1 });
    await settle();
    expect(client.getState().pendingCount).toBe(1);
    expect(await outbox.drafts()).toEqual([
      { vignette: 1, revision: 2, doc: doc('second'), madeAt: expect.any(Number) },
    ]);
    expect(saveStatusText(client.getState(), String)).toBe('Saving 1 change…');

    socket.receive({ type: 'draft.ack', vignette: 1, revision: 2 });
    await settle();
    expect(client.getState().pendingCount).toBe(0);
    // The record stays, without its text, so this device's revisions keep growing.
    expect(await outbox.drafts()).toEqual([
      { vignette: 1, revision: 2, doc: null, madeAt: expect.any(Number) },
    ]);
    expect(saveStatusText(client.getState(), () => '10:42')).toBe('All answers saved – 10:42');
    client.dispose();
  });

  it('replays a draft kept from before a reload, and numbers new edits above it', async () => {
    const { client, outbox, sockets } = setup();
    await outbox.putDraft({ vignette: 2, revision: 5, doc: doc('typed offline') });
    await client.start();
    expect(client.getState().pendingCount).toBe(1);
    expect(client.draftDoc(2)).toEqual(doc('typed offline'));
    sockets[0]!.open();
    sockets[0]!.receive(
      partTwoWelcome({ responses: [{ vignette: 2, revision: 3, doc: doc('older'), words: 1 }] }),
    );
    await settle();
    expect(sockets[0]!.ofType('draft.save')).toEqual([
      { type: 'draft.save', vignette: 2, revision: 5, doc: doc('typed offline') },
    ]);
    // The text on screen is the newer local one, not the older stored one.
    expect(client.draftDoc(2)).toEqual(doc('typed offline'));
    client.editDraft(2, doc('typed offline, then more'));
    await client.flushDrafts();
    expect(sockets[0]!.ofType('draft.save')[1]).toMatchObject({ revision: 6 });
    client.dispose();
  });

  it('drops a kept draft the server already has a newer revision of, and shows that one', async () => {
    const { client, outbox, sockets } = setup();
    await outbox.putDraft({ vignette: 1, revision: 4, doc: doc('from this tab') });
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(
      partTwoWelcome({
        responses: [{ vignette: 1, revision: 9, doc: doc('from elsewhere'), words: 2 }],
      }),
    );
    await settle();
    expect(sockets[0]!.ofType('draft.save')).toEqual([]);
    expect(client.getState().pendingCount).toBe(0);
    expect(client.draftDoc(1)).toEqual(doc('from elsewhere'));
    expect(client.getState().replaced[1]).toBe(1);
    expect(client.getState().notice).toMatch(/another tab or device/);
    expect(await outbox.drafts()).toEqual([{ vignette: 1, revision: 4, doc: null }]);
    client.dispose();
  });

  it('sends again what was not acknowledged when the connection drops, once per connection', async () => {
    const { client, socket, sockets } = await inPartTwo();
    client.editDraft(1, doc('before the cut'));
    await client.flushDrafts();
    socket.close(1006);
    client.editDraft(1, doc('during the cut'));
    await client.flushDrafts();
    expect(saveStatusText(client.getState(), String)).toBe(
      '1 change waiting to save – reconnecting',
    );
    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(partTwoWelcome());
    sockets[1]!.receive(partTwoWelcome());
    await settle();
    expect(sockets[1]!.ofType('draft.save')).toEqual([
      { type: 'draft.save', vignette: 1, revision: 2, doc: doc('during the cut') },
    ]);
    client.dispose();
  });

  it('holds drafts until Part Two runs: before that the socket only takes Part One frames', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(partTwoWelcome({}, 'not-started'));
    client.editDraft(1, doc('early'));
    await client.flushDrafts();
    expect(sockets[0]!.ofType('draft.save')).toEqual([]);
    sockets[0]!.receive({
      type: 'clock.update',
      clock: { part: 2, status: 'running', deadline: Date.now() + 1, remainingMs: 1, allowedMs: 1 },
    });
    await settle();
    expect(sockets[0]!.ofType('draft.save')).toHaveLength(1);
    client.dispose();
  });
});

describe('Part Two drafts that cannot be saved', () => {
  it('keeps an oversized draft in the outbox, never sends it, and says so plainly', async () => {
    const { client, outbox, socket } = await inPartTwo();
    const huge = doc('x'.repeat(MAX_ESSAY_BYTES));
    client.editDraft(1, huge);
    await client.flushDrafts();
    expect(socket.ofType('draft.save')).toEqual([]);
    expect(await outbox.drafts()).toEqual([
      { vignette: 1, revision: 1, doc: huge, madeAt: expect.any(Number) },
    ]);
    const state = client.getState();
    expect(state.unsavable[1]).toMatch(/^Your response to vignette 1 is too long to save/);
    expect(saveStatusText(state, String)).toMatch(/^Not saved: your response to vignette 1/);
    expect(state.pendingCount).toBe(1);

    // Shortened, it saves.
    client.editDraft(1, doc('short again'));
    await client.flushDrafts();
    expect(socket.ofType('draft.save')).toEqual([
      { type: 'draft.save', vignette: 1, revision: 2, doc: doc('short again') },
    ]);
    expect(client.getState().unsavable).toEqual({});
    client.dispose();
  });

  it('does not resend a document the server refused, until it changes', async () => {
    const { client, socket, sockets } = await inPartTwo();
    client.editDraft(1, doc('refused'));
    await client.flushDrafts();
    socket.receive({
      type: 'draft.rejected',
      vignette: 1,
      revision: 1,
      code: 'ESSAY_INVALID_TEXT',
      message: 'Your response could not be saved: bad text',
    });
    expect(client.getState().unsavable[1]).toBe('Your response could not be saved: bad text');
    socket.close(1006);
    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(partTwoWelcome());
    await settle();
    expect(sockets[1]!.ofType('draft.save')).toEqual([]);
    client.editDraft(1, doc('fixed'));
    await client.flushDrafts();
    expect(sockets[1]!.ofType('draft.save')).toHaveLength(1);
    expect(client.getState().unsavable).toEqual({});
    client.dispose();
  });

  it('resends a draft refused only because the exam was paused, when the clock runs again', async () => {
    const { client, socket } = await inPartTwo();
    client.editDraft(1, doc('paused'));
    await client.flushDrafts();
    socket.receive({
      type: 'draft.rejected',
      vignette: 1,
      revision: 1,
      code: 'PART_PAUSED',
      message: 'The exam is paused.',
    });
    expect(client.getState().notice).toBe('The exam is paused.');
    socket.receive({
      type: 'clock.update',
      clock: { part: 2, status: 'running', deadline: Date.now() + 1, remainingMs: 1, allowedMs: 1 },
    });
    await settle();
    expect(socket.ofType('draft.save')).toHaveLength(2);
    client.dispose();
  });
});
