import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_PATCH_INTERVAL_MS } from '@exam/shared/protocol';
import { doc, inPartTwo, partTwoWelcome, settle } from './helpers/fake-exam-socket';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const typing = (at: number, text: string) => ({
  stepType: 'replace',
  from: at,
  to: at,
  slice: { content: [{ type: 'text', text }] },
});

type Client = Awaited<ReturnType<typeof inPartTwo>>['client'];

/** What the essay editor reports for one keystroke: its steps first, then its document. */
function type(client: Client, vignette: number, text: string, typed: string) {
  client.draftSteps(vignette, [typing(text.length + 1, typed)], text.length + typed.length + 2);
  client.editDraft(vignette, doc(text + typed));
  return text + typed;
}

/** Starts a chain: the first edit goes as a whole draft (revision 1), acknowledged. */
async function chained() {
  const setup = await inPartTwo();
  const { client, socket } = setup;
  client.editDraft(1, doc('a'));
  await client.flushDrafts();
  socket.receive({ type: 'draft.ack', vignette: 1, revision: 1 });
  await settle();
  return setup;
}

describe('Part Two patches', () => {
  it('sends the steps typed after a whole draft as patches, at most every DRAFT_PATCH_INTERVAL_MS', async () => {
    const { client, socket } = await chained();
    let text = type(client, 1, 'a', 'b');
    await settle();
    expect(socket.ofType('draft.patch')).toEqual([
      { type: 'draft.patch', vignette: 1, base: 1, revision: 2, size: 4, steps: [typing(2, 'b')] },
    ]);
    const half = DRAFT_PATCH_INTERVAL_MS / 2;
    text = type(client, 1, text, 'c');
    await vi.advanceTimersByTimeAsync(half);
    text = type(client, 1, text, 'd');
    await vi.advanceTimersByTimeAsync(half - 1);
    expect(socket.ofType('draft.patch')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.ofType('draft.patch')[1]).toEqual({
      type: 'draft.patch',
      vignette: 1,
      base: 2,
      revision: 3,
      size: 6,
      steps: [typing(3, 'c'), typing(4, 'd')],
    });
    expect(text).toBe('abcd');
    client.dispose();
  });

  it('an acknowledged patch saves the text: no whole draft follows', async () => {
    const { client, socket, outbox } = await chained();
    type(client, 1, 'a', 'b');
    await settle();
    expect(client.getState().pendingCount).toBe(1);
    socket.receive({ type: 'draft.ack', vignette: 1, revision: 2 });
    await settle();
    expect(client.getState().pendingCount).toBe(0);
    await vi.advanceTimersByTimeAsync(6000);
    expect(socket.ofType('draft.save')).toHaveLength(1);
    expect(client.draftDoc(1)).toEqual(doc('ab'));
    expect((await outbox.drafts()).every((d) => d.doc === null)).toBe(true);
    client.dispose();
  });

  it('keeps the text in the outbox while a patch waits, without sending it whole again', async () => {
    const { client, socket, outbox } = await chained();
    type(client, 1, 'a', 'b');
    await vi.advanceTimersByTimeAsync(1000);
    // The debounce kept the document (revision 2, which the patch carries) but did not send it.
    expect(await outbox.drafts()).toEqual([
      { vignette: 1, revision: 2, doc: doc('ab'), madeAt: expect.any(Number) },
    ]);
    expect(socket.ofType('draft.save')).toHaveLength(1);
    socket.receive({ type: 'draft.ack', vignette: 1, revision: 2 });
    await settle();
    expect(client.getState().pendingCount).toBe(0);
    expect(await outbox.drafts()).toEqual([
      { vignette: 1, revision: 2, doc: null, madeAt: expect.any(Number) },
    ]);
    client.dispose();
  });

  it('a refused patch is followed by the whole document, and patches build on that', async () => {
    const { client, socket } = await chained();
    let text = type(client, 1, 'a', 'b');
    await settle();
    socket.receive({
      type: 'draft.rejected',
      vignette: 1,
      revision: 2,
      code: 'PATCH_BASE_MISMATCH',
      message: 'send the whole draft',
    });
    await settle();
    expect(socket.ofType('draft.save').at(-1)).toEqual({
      type: 'draft.save',
      vignette: 1,
      revision: 3,
      doc: doc('ab'),
    });
    text = type(client, 1, text, 'c');
    await vi.advanceTimersByTimeAsync(DRAFT_PATCH_INTERVAL_MS);
    expect(socket.ofType('draft.patch').at(-1)).toMatchObject({ base: 3, revision: 4 });
    expect(client.getState().notice).toBeUndefined();
    expect(text).toBe('abc');
    client.dispose();
  });

  it('a document reported without its steps goes whole', async () => {
    const { client, socket } = await chained();
    client.editDraft(1, doc('replaced'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.ofType('draft.patch')).toEqual([]);
    expect(socket.ofType('draft.save').at(-1)).toMatchObject({ revision: 2, doc: doc('replaced') });
    client.dispose();
  });

  it('after a reconnect the unacknowledged text goes whole, then patches resume', async () => {
    const { client, socket, sockets } = await chained();
    let text = type(client, 1, 'a', 'b');
    await settle();
    socket.close(1006);
    text = type(client, 1, text, 'c');
    await vi.advanceTimersByTimeAsync(1000);
    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(partTwoWelcome());
    await settle();
    expect(sockets[1]!.ofType('draft.patch')).toEqual([]);
    const whole = sockets[1]!.ofType('draft.save');
    expect(whole).toEqual([{ type: 'draft.save', vignette: 1, revision: 3, doc: doc('abc') }]);
    type(client, 1, text, 'd');
    await vi.advanceTimersByTimeAsync(200);
    expect(sockets[1]!.ofType('draft.patch')).toEqual([
      {
        type: 'draft.patch',
        vignette: 1,
        base: 3,
        revision: 4,
        size: 6,
        steps: [typing(4, 'd')],
      },
    ]);
    client.dispose();
  });
});
