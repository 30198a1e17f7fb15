import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveStatusText } from '../src/features/exam/exam-state';
import { flush, setup, welcome } from './helpers/fake-exam-socket';

/** Issue 24: held late changes (item 1) and no change after 0:00 (item 2), on the device. */

const held = (seq: number) => ({
  type: 'answer.held',
  seq,
  code: 'LATE_HELD',
  message: 'This change reached us after time ran out.',
});

function withLateChanges(
  base: ReturnType<typeof welcome>,
  lateChanges: { position: number; seq: number; status: string; reason?: string }[],
) {
  return {
    ...base,
    attempt: {
      ...base.attempt,
      lateChanges: lateChanges.map((c) => ({ kind: 'answer', reason: null, ...c })),
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('held late answers on the device', () => {
  it('keeps a LATE_HELD answer in the outbox and says it is held, never saved', async () => {
    const { client, outbox, sockets } = setup();
    // Made offline before time ran out, kept in the outbox over a reload.
    await outbox.put({ type: 'answer.save', seq: 5, position: 1, choice: 2, flagged: false });
    await outbox.put({ type: 'answer.save', seq: 6, position: 2, choice: 1, flagged: false });
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome({ partOne: 'expired', maxSeq: 4 }));
    await flush();
    expect(sockets[0]!.saves().map((s) => s.seq)).toEqual([5, 6]);
    sockets[0]!.receive(held(5));
    sockets[0]!.receive(held(6));
    await flush();

    const state = client.getState();
    expect(state).toMatchObject({ pendingCount: 0, heldAnswers: 2 });
    const text = saveStatusText(state, String);
    expect(text).toBe(
      '2 answers reached us after time ran out; the proctor will decide. They are kept on this device.',
    );
    expect(text).not.toMatch(/saved/i);
    expect((await outbox.pending()).map((s) => s.seq)).toEqual([5, 6]);

    // Reconnecting while they are undecided sends nothing again and drops nothing.
    sockets[0]!.close(1006);
    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(
      withLateChanges(welcome({ partOne: 'expired', maxSeq: 4 }), [
        { position: 1, seq: 5, status: 'held' },
        { position: 2, seq: 6, status: 'held' },
      ]),
    );
    await flush();
    expect(sockets[1]!.saves()).toEqual([]);
    expect((await outbox.pending()).map((s) => s.seq)).toEqual([5, 6]);
    expect(client.getState().heldAnswers).toBe(2);

    // The proctor decided: accepted (now among the stored answers) and declined leave the outbox.
    sockets[1]!.receive(
      withLateChanges(
        welcome({
          partOne: 'expired',
          maxSeq: 5,
          answers: [{ position: 1, choice: 2, flagged: false, seq: 5 }],
        }),
        [
          { position: 1, seq: 5, status: 'accepted', reason: 'Network log' },
          { position: 2, seq: 6, status: 'declined', reason: 'Too late' },
        ],
      ),
    );
    await flush();
    expect(await outbox.pending()).toEqual([]);
    expect(client.getState()).toMatchObject({ heldAnswers: 0, pendingCount: 0 });
    expect(client.getState().answers).toEqual({ 1: { choice: 2, flagged: false } });
    client.dispose();
  });

  it('sends its claim of when each change was made, in server time', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    // The server's clock is 30 s ahead of this device's.
    sockets[0]!.receive(welcome(), Date.now() + 30_000);
    const before = Date.now();
    await client.setAnswer(1, { choice: 1, flagged: false });
    const madeAt = sockets[0]!.sentRaw.find((m) => m.type === 'answer.save')!.madeAt as number;
    expect(madeAt).toBeGreaterThanOrEqual(before + 30_000 - 50);
    expect(madeAt).toBeLessThanOrEqual(Date.now() + 30_000 + 50);
    client.dispose();
  });
});

describe('at 0:00 the device takes no more changes', () => {
  it('neither sends nor shows a change made after the deadline as this device measures it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome()); // Part One runs for another 60 s.
    await client.setAnswer(1, { choice: 0, flagged: false });
    expect(sockets[0]!.saves()).toHaveLength(1);
    sockets[0]!.receive({ type: 'answer.ack', seq: 1 });
    expect(client.timeIsUp(1)).toBe(false);

    vi.setSystemTime(Date.now() + 61_000); // 0:01 past the deadline
    expect(client.timeIsUp(1)).toBe(true);
    await client.setAnswer(1, { choice: 3, flagged: false });
    await flush();
    expect(sockets[0]!.saves()).toHaveLength(1);
    expect(client.getState().answers[1]).toEqual({ choice: 0, flagged: false });
    expect(client.getState().pendingCount).toBe(0);
    expect(client.getState().notice).toBe('Time is up for Part One: that change was not made.');
    // Nor a submit: the part closes by itself, as expired, with what was sent in time.
    client.submitPart(1);
    await flush();
    expect(sockets[0]!.ofType('part.submit')).toEqual([]);
    client.dispose();
  });
});
