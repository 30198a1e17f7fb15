import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '@exam/shared/protocol';
import { PracticeSocket } from '../src/features/exam/lobby/practice-socket';
import { doc } from './helpers/fake-exam-socket';

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

/** An open practice socket in a running Part Two, with every message it sent kept in order. */
async function practiceInPartTwo() {
  const socket = new PracticeSocket();
  const received: ServerMessage[] = [];
  socket.onmessage = (event) => received.push(JSON.parse(String(event.data)) as ServerMessage);
  await vi.advanceTimersByTimeAsync(0);
  const send = async (message: object) => {
    socket.send(JSON.stringify(message));
    await vi.advanceTimersByTimeAsync(0);
    return received.at(-1);
  };
  await send({ type: 'part.start', part: 1 });
  await send({ type: 'part.submit', part: 1 });
  await send({ type: 'part.start', part: 2 });
  return { socket, received, send };
}

describe('the practice socket answers patches as the server does', () => {
  it('applies a patch on the draft it builds on and keeps the patched text', async () => {
    const { socket, send } = await practiceInPartTwo();
    expect(await send({ type: 'draft.save', vignette: 1, revision: 1, doc: doc('a') })).toEqual(
      expect.objectContaining({ type: 'draft.ack', vignette: 1, revision: 1 }),
    );
    const patch = { type: 'draft.patch', vignette: 1, base: 1, revision: 2, size: 4 };
    expect(await send({ ...patch, steps: [typing(2, 'b')] })).toEqual(
      expect.objectContaining({ type: 'draft.ack', vignette: 1, revision: 2 }),
    );
    // A replayed frame is acknowledged again, not applied twice.
    expect(await send({ ...patch, steps: [typing(2, 'b')] })).toEqual(
      expect.objectContaining({ type: 'draft.ack', revision: 2 }),
    );
    const welcome = await send({ type: 'hello', protocolVersion: 0, lastAckedSeq: 0 });
    expect(welcome).toMatchObject({ type: 'welcome' });
    const responses = welcome?.type === 'welcome' ? (welcome.attempt.partTwo?.responses ?? []) : [];
    expect(responses).toEqual([
      expect.objectContaining({ vignette: 1, revision: 2, doc: doc('ab'), words: 1 }),
    ]);
    socket.dispose();
  });

  it('refuses a patch on a revision it does not hold, or one leading to another size', async () => {
    const { socket, send } = await practiceInPartTwo();
    await send({ type: 'draft.save', vignette: 1, revision: 1, doc: doc('a') });
    expect(
      await send({
        type: 'draft.patch',
        vignette: 1,
        base: 5,
        revision: 6,
        size: 4,
        steps: [typing(2, 'b')],
      }),
    ).toEqual(expect.objectContaining({ type: 'draft.rejected', code: 'PATCH_BASE_MISMATCH' }));
    expect(
      await send({
        type: 'draft.patch',
        vignette: 1,
        base: 1,
        revision: 2,
        size: 99,
        steps: [typing(2, 'b')],
      }),
    ).toEqual(expect.objectContaining({ type: 'draft.rejected', code: 'PATCH_REFUSED' }));
    socket.dispose();
  });
});
