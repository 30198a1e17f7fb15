import { describe, expect, it } from 'vitest';
import { memoryOutbox } from '../src/features/exam/outbox';
import { flush, setup, welcome } from './helpers/fake-exam-socket';

const note = (text: string) => ({ struck: [2], highlights: [], note: text });
const withTools = (tools: object[], displayPreference?: object) => {
  const message = welcome();
  return { ...message, attempt: { ...message.attempt, tools, displayPreference } };
};

describe('candidate tools through the outbox', () => {
  it('keeps a tools change in the outbox until the server acknowledges it, then keeps only its revision', async () => {
    const { client, outbox, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome());
    await client.setItemTools('question', 1, note('First thought'));
    expect(await outbox.latest()).toEqual([
      expect.objectContaining({ key: 'question:1', revision: 1, frame: expect.any(Object) }),
    ]);
    expect(sockets[0]!.ofType('tools.save')).toEqual([
      {
        type: 'tools.save',
        target: 'question',
        position: 1,
        revision: 1,
        struck: [2],
        highlights: [],
        note: 'First thought',
      },
    ]);
    expect(client.getState().pendingCount).toBe(1);
    expect(client.itemTools('question', 1).note).toBe('First thought');

    sockets[0]!.receive({ type: 'tools.ack', target: 'question', position: 1, revision: 1 });
    await flush();
    expect(client.getState().pendingCount).toBe(0);
    expect(await outbox.latest()).toEqual([{ key: 'question:1', revision: 1, frame: null }]);
    expect(client.itemTools('question', 1)).toEqual(note('First thought'));
    client.dispose();
  });

  it('replays a restored change after a reload, never counting it saved before its ack', async () => {
    const outbox = memoryOutbox();
    await outbox.putLatest({
      key: 'question:1',
      revision: 4,
      frame: {
        type: 'tools.save',
        target: 'question',
        position: 1,
        revision: 4,
        ...note('Typed before the crash'),
      },
    });
    const { client, sockets } = setup({ outbox });
    await client.start();
    expect(client.getState().pendingCount).toBe(1);
    expect(client.itemTools('question', 1).note).toBe('Typed before the crash');
    sockets[0]!.open();
    sockets[0]!.receive(withTools([]));
    await flush();
    expect(sockets[0]!.ofType('tools.save')).toHaveLength(1);
    // The next change goes above every revision this device used.
    await client.setItemTools('question', 1, note('And more'));
    expect(sockets[0]!.ofType('tools.save').at(-1)).toMatchObject({ revision: 5 });
    client.dispose();
  });

  it('drops a change the server refuses for good and tells the candidate why', async () => {
    const { client, outbox, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(
      withTools([{ target: 'question', position: 1, revision: 2, ...note('Stored note') }]),
    );
    await client.setItemTools('question', 1, note('x'.repeat(3000)));
    expect(sockets[0]!.ofType('tools.save').at(-1)).toMatchObject({ revision: 3 });
    sockets[0]!.receive({
      type: 'tools.rejected',
      target: 'question',
      position: 1,
      revision: 3,
      code: 'NOTE_TOO_LONG',
      message: 'Notes are limited to 2,000 characters; this note was not saved.',
    });
    await flush();
    expect(client.getState().pendingCount).toBe(0);
    expect(client.getState().notSavedReasons).toEqual([
      'Notes are limited to 2,000 characters; this note was not saved.',
    ]);
    expect(client.itemTools('question', 1).note).toBe('Stored note');
    expect((await outbox.latest())[0]?.frame).toBeNull();
    client.dispose();
  });

  it('lets a newer change from another device overtake an older pending one', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome());
    await client.setItemTools('question', 1, note('Old device'));
    sockets[0]!.close(1006);
    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(
      withTools([{ target: 'question', position: 1, revision: 6, ...note('Other device') }]),
    );
    await flush();
    expect(sockets[1]!.ofType('tools.save')).toEqual([]);
    expect(client.getState().pendingCount).toBe(0);
    expect(client.itemTools('question', 1).note).toBe('Other device');
    client.dispose();
  });

  it('saves the display preference like any change, restored from the welcome', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(withTools([], { revision: 2, largeText: true, highContrast: false }));
    expect(client.getState().preferredDisplay).toEqual({ largeText: true, highContrast: false });
    await client.setDisplay({ largeText: true, highContrast: true });
    expect(sockets[0]!.ofType('display.set')).toEqual([
      { type: 'display.set', revision: 3, largeText: true, highContrast: true },
    ]);
    expect(client.getState().preferredDisplay.highContrast).toBe(true);
    sockets[0]!.receive({ type: 'display.ack', revision: 3 });
    await flush();
    expect(client.getState().pendingCount).toBe(0);
    client.dispose();
  });
});
