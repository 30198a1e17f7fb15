import { describe, expect, it } from 'vitest';
import { saveStatusText } from '../src/features/exam/exam-state';
import { shortSaveText } from '../src/features/exam/SaveIndicator';
import { doc, flush, partTwoWelcome, setup, welcome } from './helpers/fake-exam-socket';

const fullText = (state: Parameters<typeof saveStatusText>[0]) =>
  saveStatusText(state, () => '10:42:13 AM (America/Detroit)');

/**
 * A change the server refuses for good (the proctor ended the attempt while the candidate was
 * offline, say) leaves the outbox: it can never be stored. The screen must then never say that
 * everything is saved, as it did once the outbox had drained of the refused changes.
 */
describe('changes the server refused are never shown as saved', () => {
  it('Part One: three answers made offline, refused once the proctor has ended the attempt', async () => {
    localStorage.clear();
    const { client, outbox, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome());
    await client.setAnswer(1, { choice: 0, flagged: false });
    sockets[0]!.receive({ type: 'answer.ack', seq: 1 });
    await flush();
    expect(fullText(client.getState())).toBe('All answers saved – 10:42:13 AM (America/Detroit)');

    client.networkChanged(false);
    for (const position of [2, 3, 4])
      await client.setAnswer(position, { choice: 1, flagged: false });
    expect(client.getState().pendingCount).toBe(3);

    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(welcome({ partOne: 'submitted', maxSeq: 1 }));
    await flush();
    for (const seq of [2, 3, 4]) {
      sockets[1]!.receive({
        type: 'answer.rejected',
        seq,
        code: 'PART_CLOSED',
        message: 'Part One is closed; this change was not saved.',
      });
    }
    await flush();
    const state = client.getState();
    expect(state.pendingCount).toBe(0);
    // Three refusals, one reason: listed once.
    expect(state.notSavedReasons).toEqual(['Part One is closed; this change was not saved.']);
    expect(fullText(state)).toBe('3 changes could not be saved');
    expect(state.notSavedCount).toBe(3);
    expect(shortSaveText(state)).toBe('3 not saved');
    client.dispose();

    // A reload: the refused changes are gone from the outbox, but the count is not.
    const reloaded = setup({ outbox: outbox });
    await reloaded.client.start();
    reloaded.sockets[0]!.open();
    reloaded.sockets[0]!.receive(welcome({ partOne: 'submitted', maxSeq: 1 }));
    await flush();
    expect(reloaded.client.getState().pendingCount).toBe(0);
    expect(fullText(reloaded.client.getState())).toBe('3 changes could not be saved');
    expect(reloaded.client.getState().notSavedReasons).toEqual([
      'Part One is closed; this change was not saved.',
    ]);
    reloaded.client.dispose();
  });

  it('Part Two: a response still waiting when the proctor ends the attempt', async () => {
    localStorage.clear();
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(partTwoWelcome());
    await flush();
    client.editDraft(1, doc('Written offline.'));
    client.networkChanged(false);
    await client.flushDrafts();
    expect(client.getState().pendingCount).toBe(1);

    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(partTwoWelcome({}, 'submitted'));
    await flush();
    const state = client.getState();
    expect(state.pendingCount).toBe(0);
    expect(state.notSavedReasons).toEqual([
      'Part Two closed before your latest changes to vignette 1 could be saved; the last saved version is kept.',
    ]);
    expect(fullText(state)).toBe('1 change could not be saved');
    expect(state.notSavedCount).toBe(1);
    expect(shortSaveText(state)).toBe('1 not saved');
    client.dispose();
  });
});
