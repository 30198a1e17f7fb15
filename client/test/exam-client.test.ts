import { describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '@exam/shared/protocol';
import { saveStatusText } from '../src/features/exam/exam-state';
import { flush, settle, setup, welcome } from './helpers/fake-exam-socket';

describe('exam client', () => {
  it('says hello with the protocol version and replays nothing when the outbox is empty', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    expect(sockets[0]!.sent[0]).toMatchObject({ type: 'hello', protocolVersion: PROTOCOL_VERSION });
    sockets[0]!.receive(welcome());
    expect(client.getState().connection).toBe('open');
    expect(sockets[0]!.saves()).toEqual([]);
    client.dispose();
  });

  it('keeps a restored outbox entry unsynced until the server acknowledges it', async () => {
    const { client, outbox, sockets } = setup();
    await outbox.put({ type: 'answer.save', seq: 7, position: 1, choice: 2, flagged: false });
    await client.start();
    expect(client.getState().pendingCount).toBe(1);
    expect(client.getState().answers[1]).toEqual({ choice: 2, flagged: false });
    sockets[0]!.open();
    sockets[0]!.receive(welcome({ maxSeq: 3 }));
    await flush();
    expect(sockets[0]!.saves()).toEqual([
      { type: 'answer.save', seq: 7, position: 1, choice: 2, flagged: false },
    ]);
    expect(saveStatusText(client.getState(), String)).toBe('Saving 1 change…');
    sockets[0]!.receive({ type: 'answer.ack', seq: 7 });
    await flush();
    expect(client.getState().pendingCount).toBe(0);
    expect(await outbox.pending()).toEqual([]);
    expect(saveStatusText(client.getState(), () => '10:42:13')).toBe(
      'All answers saved – 10:42:13',
    );
    client.dispose();
  });

  it('numbers new changes above what the server has stored, and replays unacknowledged ones after a drop', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(
      welcome({ answers: [{ position: 1, choice: 0, flagged: false, seq: 41 }], maxSeq: 41 }),
    );
    await client.setAnswer(1, { choice: 3, flagged: true });
    expect(sockets[0]!.saves()).toEqual([
      { type: 'answer.save', seq: 42, position: 1, choice: 3, flagged: true },
    ]);
    sockets[0]!.close(1006);
    expect(saveStatusText(client.getState(), String)).toBe(
      '1 change waiting to save – reconnecting',
    );
    client.networkChanged(true);
    sockets[1]!.open();
    sockets[1]!.receive(
      welcome({ answers: [{ position: 1, choice: 0, flagged: false, seq: 41 }], maxSeq: 41 }),
    );
    await flush();
    expect(sockets[1]!.saves()).toHaveLength(1);
    // The unacknowledged local change stays on screen over the older stored answer.
    expect(client.getState().answers[1]).toEqual({ choice: 3, flagged: true });
    client.dispose();
  });

  it('reconnects at once after a service restart (1012), showing nothing alarming, and replays', async () => {
    vi.useFakeTimers();
    try {
      const { client, sockets } = setup();
      await client.start();
      sockets[0]!.open();
      sockets[0]!.receive(welcome({ maxSeq: 0 }));
      await client.setAnswer(1, { choice: 2, flagged: false });
      sockets[0]!.receive({ type: 'answer.ack', seq: 1 });
      await client.setAnswer(2, { choice: 0, flagged: false });
      await settle();
      // The instance is stopping (a deploy): seq 1 is stored, seq 2 was still in flight.
      sockets[0]!.close(1012);
      const state = client.getState();
      expect(state.connection).toBe('open');
      expect(state.finalProblem).toBeUndefined();
      expect(state.notice).toBeUndefined();
      expect(saveStatusText(state, String)).toBe('Saving 1 change…');
      // Within a quarter of a second, not after the usual backoff of 0.5-1 s.
      await vi.advanceTimersByTimeAsync(250);
      expect(sockets).toHaveLength(2);
      sockets[1]!.open();
      sockets[1]!.receive(welcome({ maxSeq: 1 }));
      await settle();
      expect(sockets[1]!.saves()).toEqual([
        { type: 'answer.save', seq: 2, position: 2, choice: 0, flagged: false },
      ]);
      expect(client.getState().finalProblem).toBeUndefined();
      client.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops reconnecting when another tab takes over, and says why', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.close(4409);
    expect(client.getState().connection).toBe('closed');
    expect(client.getState().finalProblem).toMatch(/another tab/);
    client.dispose();
  });

  it('drops a change the server refuses for good and tells the candidate', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome());
    await client.setAnswer(1, { choice: 1, flagged: false });
    sockets[0]!.receive({
      type: 'answer.rejected',
      seq: 1,
      code: 'DEADLINE_PASSED',
      message: 'Time is up.',
    });
    expect(client.getState().pendingCount).toBe(0);
    expect(client.getState().notSavedReasons).toEqual(['Time is up.']);
    client.dispose();
  });

  it('keeps a change refused with a code this build does not know, and sends it again', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome());
    await client.setAnswer(1, { choice: 1, flagged: false });
    sockets[0]!.receive({
      type: 'answer.rejected',
      seq: 1,
      code: 'FROM_A_NEWER_SERVER',
      message: 'Not stored yet.',
    });
    // The frame is still read (as UNKNOWN_ERROR): the change stays in the outbox, unsynced.
    expect(client.getState().pendingCount).toBe(1);
    expect(client.getState().notice).toBe('Not stored yet.');
    sockets[0]!.receive({
      type: 'clock.update',
      clock: welcome().attempt.parts[0],
      reason: 'resumed',
    });
    await flush();
    expect(sockets[0]!.saves().filter((s) => (s as { seq: number }).seq === 1)).toHaveLength(2);
    client.dispose();
  });
});

describe('exam client across attempts', () => {
  it('never replays changes kept for another attempt (an earlier sitting) into this one', async () => {
    const { outbox } = setup();
    await outbox.bindAttempt('earlier-sitting');
    await outbox.put({ type: 'answer.save', seq: 9, position: 4, choice: 1, flagged: false });
    const { client, sockets } = setup({ outbox });
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome({ attemptId: 'this-sitting' }));
    await flush();
    expect(sockets[0]!.saves()).toEqual([]);
    expect(await outbox.pending()).toEqual([]);
    expect(client.getState().pendingCount).toBe(0);
    await client.setAnswer(1, { choice: 2, flagged: false });
    expect(sockets[0]!.saves()).toEqual([
      { type: 'answer.save', seq: 1, position: 1, choice: 2, flagged: false },
    ]);
    client.dispose();
  });

  it('keeps changes of the same attempt across a reload', async () => {
    const { outbox } = setup();
    await outbox.bindAttempt('attempt-1');
    await outbox.put({ type: 'answer.save', seq: 5, position: 2, choice: 3, flagged: true });
    const { client, sockets } = setup({ outbox });
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome({ attemptId: 'attempt-1' }));
    await flush();
    expect(sockets[0]!.saves()).toHaveLength(1);
    client.dispose();
  });
});

describe('time added while a part runs', () => {
  const partOne = (allowedMs: number, status: 'running' | 'paused' = 'running') => ({
    part: 1 as const,
    status,
    deadline: status === 'running' ? Date.now() + allowedMs : null,
    remainingMs: allowedMs,
    allowedMs,
  });

  it('tells the candidate how much time the proctor added (extra time, a disconnect credit)', async () => {
    const { client, sockets } = setup();
    await client.start();
    sockets[0]!.open();
    sockets[0]!.receive(welcome());
    // The welcome's Part One allows 60 s; the proctor adds 10 minutes.
    sockets[0]!.receive({ type: 'clock.update', clock: partOne(60_000 + 600_000), reason: 'x' });
    expect(client.getState().notice).toBe('10 minutes were added to your time for Part One.');
    sockets[0]!.receive({ type: 'clock.update', clock: partOne(660_000 + 26_000), reason: 'y' });
    expect(client.getState().notice).toBe('26 seconds were added to your time for Part One.');
    // A pause changes no allowance: nothing more is said.
    sockets[0]!.receive({ type: 'clock.update', clock: partOne(686_000, 'paused'), reason: 'z' });
    expect(client.getState().notice).toBe('26 seconds were added to your time for Part One.');
    client.dispose();
  });
});
