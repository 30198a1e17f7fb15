import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ESSAY_BYTES } from '@exam/shared/editor';
import { saveStatusText } from '../src/features/exam/exam-state';
import { doc, inPartTwo, partTwoWelcome, settle } from './helpers/fake-exam-socket';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Part Two choice and submit', () => {
  it('sends the choice with a revision above the stored one and counts it until acknowledged', async () => {
    const { client, outbox, socket } = await inPartTwo({ chosen: [1], choiceRevision: 3 });
    expect(client.getState().chosen).toEqual([1]);
    await client.setChosen([3, 1]);
    await client.setChosen([1, 2]);
    expect(socket.ofType('choice.set')).toEqual([
      { type: 'choice.set', revision: 4, chosen: [1, 3] },
      { type: 'choice.set', revision: 5, chosen: [1, 2] },
    ]);
    socket.receive({ type: 'choice.ack', revision: 4 });
    await settle();
    expect(client.getState().pendingCount).toBe(1);
    expect(client.getState().chosen).toEqual([1, 2]);
    socket.receive({ type: 'choice.ack', revision: 5 });
    await settle();
    expect(client.getState().pendingCount).toBe(0);
    expect(await outbox.choice()).toEqual({ revision: 5, chosen: null });
    client.dispose();
  });

  it('stops a submit with the wrong number chosen, with the reason', async () => {
    const { client, socket } = await inPartTwo({ chosen: [2], choiceRevision: 1 });
    client.submitPart(2);
    expect(socket.ofType('part.submit')).toEqual([]);
    expect(client.getState().submitProblem).toBe(
      'Choose exactly 2 vignettes to answer before submitting. You have chosen 1.',
    );
    client.dispose();
  });

  it('saves every draft first, submits once all is acknowledged, and shows the server refusing it', async () => {
    const { client, socket } = await inPartTwo({ chosen: [1, 2], choiceRevision: 1 });
    client.editDraft(1, doc('last words'));
    client.submitPart(2);
    await settle();
    expect(socket.ofType('draft.save')).toHaveLength(1);
    expect(socket.ofType('part.submit')).toEqual([]);
    expect(client.getState().submitting).toBe(true);
    socket.receive({ type: 'draft.ack', vignette: 1, revision: 1 });
    await settle();
    expect(socket.ofType('part.submit')).toEqual([{ type: 'part.submit', part: 2 }]);
    socket.receive({
      type: 'error',
      code: 'WRONG_CHOICE_COUNT',
      message: 'Choose exactly 2 vignettes to answer before submitting (you have chosen 1).',
    });
    expect(client.getState().submitting).toBe(false);
    expect(client.getState().submitProblem).toBe(
      'Choose exactly 2 vignettes to answer before submitting (you have chosen 1).',
    );
    client.dispose();
  });

  it('refuses to submit while a response is too long to save, rather than drop its text', async () => {
    const { client, socket } = await inPartTwo({ chosen: [1, 2], choiceRevision: 1 });
    client.editDraft(1, doc('x'.repeat(MAX_ESSAY_BYTES)));
    client.submitPart(2);
    await settle();
    expect(socket.ofType('part.submit')).toEqual([]);
    expect(client.getState().submitProblem).toMatch(/vignette 1 cannot be saved as it is/);
    client.dispose();
  });

  it('records pastes, keeping them until the socket is open', async () => {
    const { client, socket, sockets } = await inPartTwo();
    client.recordPaste(1, 120, 'plain-text');
    expect(socket.ofType('paste.record')).toEqual([
      { type: 'paste.record', vignette: 1, chars: 120, outcome: 'plain-text' },
    ]);
    socket.close(1006);
    client.recordPaste(2, 5, 'blocked');
    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(partTwoWelcome());
    expect(sockets[1]!.ofType('paste.record')).toEqual([
      { type: 'paste.record', vignette: 2, chars: 5, outcome: 'blocked' },
    ]);
    client.dispose();
  });
});

describe('Part Two closing', () => {
  it('after Part Two expired, still sends what was typed and chosen before time ran out, to be held', async () => {
    const { client, outbox, socket, sockets } = await inPartTwo({
      chosen: [1, 2],
      choiceRevision: 1,
    });
    socket.close(1006);
    client.editDraft(2, doc('typed at the last second'));
    await client.flushDrafts();
    await client.setChosen([2, 3]);
    expect(client.getState().pendingCount).toBe(2);
    client.networkChanged(true);
    sockets[1]!.open();
    // The sweeper closed Part Two while this device was away.
    sockets[1]!.receive(partTwoWelcome({ chosen: [1, 2], choiceRevision: 1 }, 'expired'));
    await settle();
    expect(sockets[1]!.ofType('draft.save')).toEqual([
      { type: 'draft.save', vignette: 2, revision: 1, doc: doc('typed at the last second') },
    ]);
    // The choice of vignettes decides what is graded: it goes too, never dropped unseen.
    expect(sockets[1]!.ofType('choice.set')).toEqual([
      { type: 'choice.set', revision: 2, chosen: [2, 3] },
    ]);
    expect(client.getState().notice).toBeUndefined();
    sockets[1]!.receive({
      type: 'draft.held',
      vignette: 2,
      revision: 1,
      code: 'LATE_HELD',
      message: 'Held for the proctor.',
    });
    sockets[1]!.receive({
      type: 'choice.held',
      revision: 2,
      code: 'LATE_HELD',
      message: 'Held for the proctor.',
    });
    await settle();
    expect(client.getState()).toMatchObject({ pendingCount: 0, heldDrafts: 1, heldChoices: 1 });
    expect(client.getState().chosen).toEqual([2, 3]);
    const text = saveStatusText(client.getState(), String);
    expect(text).toBe(
      '1 response and your choice of vignettes reached us after time ran out; the proctor will decide. They are kept on this device.',
    );
    expect(text).not.toMatch(/saved/i);
    // Kept, with its text, until the server reports the proctor's decision.
    expect(await outbox.drafts()).toEqual([
      {
        vignette: 2,
        revision: 1,
        doc: doc('typed at the last second'),
        madeAt: expect.any(Number),
      },
    ]);
    expect(await outbox.choice()).toEqual({
      revision: 2,
      chosen: [2, 3],
      madeAt: expect.any(Number),
    });

    // Reconnecting while it is undecided sends nothing again; a decision empties the outbox.
    sockets[1]!.close(1006);
    client.networkChanged(true);
    sockets[2]!.open();
    const undecided = partTwoWelcome({ chosen: [1, 2], choiceRevision: 1 }, 'expired');
    const late = (status: string, reason: string | null) => ({
      ...undecided,
      attempt: {
        ...undecided.attempt,
        lateChanges: [{ kind: 'choice', position: 0, seq: 2, status, reason }],
      },
    });
    sockets[2]!.receive(late('held', null));
    await settle();
    expect(sockets[2]!.ofType('choice.set')).toEqual([]);
    expect(client.getState()).toMatchObject({ heldChoices: 1, pendingCount: 0 });
    sockets[2]!.receive(late('declined', 'Chosen after time ran out'));
    await settle();
    expect(await outbox.choice()).toEqual({ revision: 2, chosen: null });
    expect(client.getState()).toMatchObject({ heldChoices: 0, chosen: [1, 2] });
    client.dispose();
  });
});
